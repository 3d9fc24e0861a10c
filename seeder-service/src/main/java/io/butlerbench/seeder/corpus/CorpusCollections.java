package io.butlerbench.seeder.corpus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The digests and review reports as the seeding hot path uses them: typed documents written in bulk
 * through the collection and its codec, read back only as ids and counts. In the service the
 * collections are the repositories' ({@link DigestRepository}, {@link ReviewReportRepository}); a
 * plain-Java test or benchmark takes them from a database.
 */
public final class CorpusCollections {
  private final MongoCollection<StoredDigest> digests;
  private final MongoCollection<StoredReviewReport> reviewReports;

  public CorpusCollections(
      MongoCollection<StoredDigest> digests, MongoCollection<StoredReviewReport> reviewReports) {
    this.digests = digests;
    this.reviewReports = reviewReports;
  }

  public static CorpusCollections in(MongoDatabase database) {
    return new CorpusCollections(
        database.getCollection(Corpus.DIGESTS.collection(), StoredDigest.class),
        database.getCollection(Corpus.REVIEW_REPORTS.collection(), StoredReviewReport.class));
  }

  public MongoCollection<StoredDigest> digests() {
    return digests;
  }

  public MongoCollection<StoredReviewReport> reviewReports() {
    return reviewReports;
  }

  /** The collection as plain documents, for reads of a few fields (ids, counts). */
  MongoCollection<Document> documents(Corpus corpus) {
    return (corpus == Corpus.DIGESTS ? digests : reviewReports).withDocumentClass(Document.class);
  }

  /** Cheap when they exist; a store that lost them (a fresh local stack) gets them back. */
  public void createIndexes() {
    for (Corpus corpus : Corpus.values()) {
      documents(corpus).createIndexes(corpus.indexes());
    }
  }

  /** Digests plus review reports stored, as the server estimates them (no scan). */
  public long estimatedCount() {
    return digests.estimatedDocumentCount() + reviewReports.estimatedDocumentCount();
  }
}
