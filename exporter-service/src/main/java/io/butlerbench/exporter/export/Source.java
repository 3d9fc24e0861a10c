package io.butlerbench.exporter.export;

import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.contracts.corpus.CorpusFields.Digest;
import io.butlerbench.contracts.corpus.CorpusFields.ReviewReport;

/**
 * What an export reads (a collection the seeder fills) and selects on, and the dataset it
 * publishes.
 */
public enum Source {
  DIGESTS(
      CorpusFields.DIGESTS,
      "benchmark_digest_ru_v1",
      Digest.CHANNEL,
      Digest.LANGUAGE,
      Digest.CREATED_AT),
  REVIEW_REPORTS(
      CorpusFields.REVIEW_REPORTS,
      "benchmark_review_ru_v1",
      ReviewReport.ASSIGNMENT_ID,
      ReviewReport.LANGUAGE,
      ReviewReport.CREATED_AT);

  private final String collection;
  private final String datasetId;
  private final String channelField;
  private final String languageField;
  private final String createdAtField;

  Source(
      String collection,
      String datasetId,
      String channelField,
      String languageField,
      String createdAtField) {
    this.collection = collection;
    this.datasetId = datasetId;
    this.channelField = channelField;
    this.languageField = languageField;
    this.createdAtField = createdAtField;
  }

  /** The name in requests and metrics: the collection name. */
  public String collection() {
    return collection;
  }

  public String datasetId() {
    return datasetId;
  }

  /** The document field a record's {@code channel} comes from. */
  public String channelField() {
    return channelField;
  }

  public String languageField() {
    return languageField;
  }

  /** The document's creation time, which the export's window selects on. */
  public String createdAtField() {
    return createdAtField;
  }

  public static Source fromName(String name) {
    for (Source source : values()) {
      if (source.collection.equals(name)) {
        return source;
      }
    }
    return null;
  }
}
