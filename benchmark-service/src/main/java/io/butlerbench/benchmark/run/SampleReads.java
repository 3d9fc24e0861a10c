package io.butlerbench.benchmark.run;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Which samples of a run each subject was served ({@code sample_reads}): one document per run,
 * sample and subject, with the first time it was served ({@code first_read_at}). A pilot's go/no-go
 * accepts as {@code samples_read} only samples recorded here for the deciding subject.
 */
public class SampleReads {
  /** The most reads one answer lists; a sign-off needs five. */
  public static final int MAX_LISTED = 1000;

  private final MongoCollection<Document> reads;
  private final Clock clock;
  private volatile boolean indexed;

  public SampleReads(MongoDatabase database, Clock clock) {
    this.reads = database.getCollection("sample_reads");
    this.clock = clock;
  }

  /**
   * Records that {@code subject} was served {@code sampleId} of {@code runId}. Idempotent: a read
   * already recorded keeps its first time ({@code $setOnInsert}); of concurrent first reads the
   * unique index lets one document in, and the others find their read recorded.
   */
  public void record(String runId, String sampleId, String subject) {
    ensureIndex();
    try {
      reads.updateOne(
          Filters.and(
              Filters.eq("run_id", runId),
              Filters.eq("sample_id", sampleId),
              Filters.eq("subject", subject)),
          Updates.setOnInsert("first_read_at", Date.from(clock.instant())),
          new UpdateOptions().upsert(true));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // a concurrent request of the same subject recorded this read first: its time is the first
    }
  }

  /** The reads of {@code subject} in {@code runId}, by sample id, at most {@link #MAX_LISTED}. */
  public List<Document> of(String runId, String subject) {
    return reads
        .find(Filters.and(Filters.eq("run_id", runId), Filters.eq("subject", subject)))
        .sort(Sorts.ascending("sample_id"))
        .limit(MAX_LISTED)
        .into(new ArrayList<>());
  }

  /** Created on first use, so that a service started while MongoDB was down recovers. */
  private void ensureIndex() {
    if (!indexed) {
      reads.createIndex(
          Indexes.ascending("run_id", "subject", "sample_id"), new IndexOptions().unique(true));
      indexed = true;
    }
  }
}
