package io.butlerbench.exporter.export;

/** What an export reads, and the dataset it publishes. */
public enum Source {
  DIGESTS("digests", "benchmark_digest_ru_v1", "channel"),
  REVIEW_REPORTS("review_reports", "benchmark_review_ru_v1", "assignment_id");

  private final String collection;
  private final String datasetId;
  private final String channelField;

  Source(String collection, String datasetId, String channelField) {
    this.collection = collection;
    this.datasetId = datasetId;
    this.channelField = channelField;
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

  public static Source fromName(String name) {
    for (Source source : values()) {
      if (source.collection.equals(name)) {
        return source;
      }
    }
    return null;
  }
}
