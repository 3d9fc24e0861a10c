package io.butlerbench.seeder.corpus;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.contracts.corpus.CorpusFields.Digest;
import io.butlerbench.contracts.corpus.CorpusFields.ReviewReport;
import java.util.List;

/**
 * The two collections seeding fills, with their indexes, declared once: the unique business id
 * (equal to {@code _id} by construction) and the index the coverage counts and the exporter's
 * window queries use.
 */
public enum Corpus {
  DIGESTS(
      CorpusFields.DIGESTS,
      Digest.CHANNEL,
      List.of(
          new IndexModel(Indexes.ascending(Digest.DIGEST_ID), new IndexOptions().unique(true)),
          new IndexModel(
              Indexes.compoundIndex(
                  Indexes.ascending(Digest.CHANNEL, Digest.TIME_RANGE_HOURS),
                  Indexes.descending(Digest.CREATED_AT))))),
  REVIEW_REPORTS(
      CorpusFields.REVIEW_REPORTS,
      ReviewReport.ASSIGNMENT_ID,
      List.of(
          new IndexModel(
              Indexes.ascending(ReviewReport.REPORT_ID), new IndexOptions().unique(true)),
          new IndexModel(
              Indexes.compoundIndex(
                  Indexes.ascending(ReviewReport.ASSIGNMENT_ID),
                  Indexes.descending(ReviewReport.CREATED_AT)))));

  private final String collection;
  private final String ownerField;
  private final List<IndexModel> indexes;

  Corpus(String collection, String ownerField, List<IndexModel> indexes) {
    this.collection = collection;
    this.ownerField = ownerField;
    this.indexes = indexes;
  }

  /** The collection's name. */
  public String collection() {
    return collection;
  }

  /** The field naming whose document it is: the channel, or the assignment. */
  public String ownerField() {
    return ownerField;
  }

  public List<IndexModel> indexes() {
    return indexes;
  }
}
