package io.butlerbench.benchmark.run;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bson.Document;

/**
 * Claims on the chunks of a run ({@code run_chunks}): chunk {@code i} is records {@code [i * size,
 * (i + 1) * size)} of the dataset version, in published order. An instance judges a chunk only
 * while it holds the claim, and keeps the claim alive with a heartbeat; a claim whose lease expired
 * (its instance died) can be taken over. So several instances share a run without judging a sample
 * twice, and a dead instance's work is picked up where its stored results end.
 */
public class RunChunks {
  static final String CLAIMED = "CLAIMED";
  static final String DONE = "DONE";

  private final MongoCollection<Document> chunks;
  private volatile boolean indexed;

  public RunChunks(MongoDatabase database) {
    this.chunks = database.getCollection("run_chunks");
  }

  static String id(String runId, int index) {
    return runId + "/" + index;
  }

  /** How a claim went: a chunk nobody had claimed, one taken over from a lapsed claim, or none. */
  public enum Claim {
    NEW,
    TAKEN_OVER,
    REFUSED
  }

  /**
   * Claims a chunk for {@code owner}: a new claim is one insert under a unique id; an existing one
   * is taken over by one conditional update, only while its lease has expired and it is not done. A
   * chunk claimed {@link Claim#NEW} has no results from any other pass of this code.
   */
  public Claim claim(String runId, int index, String owner, Instant now, Instant leaseUntil) {
    ensureIndexes();
    String id = id(runId, index);
    try {
      chunks.insertOne(
          new Document("_id", id)
              .append("run_id", runId)
              .append("index", index)
              .append("owner", owner)
              .append("status", CLAIMED)
              .append("lease_until", Date.from(leaseUntil)));
      return Claim.NEW;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    boolean takenOver =
        chunks
                .updateOne(
                    Filters.and(
                        Filters.eq("_id", id),
                        Filters.eq("status", CLAIMED),
                        Filters.lt("lease_until", Date.from(now))),
                    Updates.combine(
                        Updates.set("owner", owner),
                        Updates.set("lease_until", Date.from(leaseUntil))))
                .getModifiedCount()
            == 1;
    return takenOver ? Claim.TAKEN_OVER : Claim.REFUSED;
  }

  /** Every result of the chunk is stored. */
  public void done(String chunkId, String owner) {
    chunks.updateOne(
        Filters.and(Filters.eq("_id", chunkId), Filters.eq("owner", owner)),
        Updates.set("status", DONE));
  }

  /** Keeps the claims of a live instance. */
  public void extend(Collection<String> chunkIds, String owner, Instant leaseUntil) {
    setLease(chunkIds, owner, Date.from(leaseUntil));
  }

  /** Gives up claims at once (the pass ended early), so another pass or a resume takes them. */
  public void release(Collection<String> chunkIds, String owner) {
    setLease(chunkIds, owner, new Date(0));
  }

  /** Sets the lease of the chunks {@code owner} still holds and has not finished. */
  private void setLease(Collection<String> chunkIds, String owner, Date leaseUntil) {
    if (!chunkIds.isEmpty()) {
      chunks.updateMany(
          Filters.and(
              Filters.in("_id", chunkIds),
              Filters.eq("owner", owner),
              Filters.eq("status", CLAIMED)),
          Updates.set("lease_until", leaseUntil));
    }
  }

  /** Whether all of the first {@code count} chunks are done. */
  public boolean allDone(String runId, int count) {
    return chunks.countDocuments(
            Filters.and(
                Filters.eq("run_id", runId),
                Filters.eq("status", DONE),
                Filters.lt("index", count)))
        == count;
  }

  /** Whether a chunk of the run is unclaimed or abandoned: there is work to join. */
  public boolean claimable(String runId, long expectedChunks, Instant now) {
    return chunks.countDocuments(Filters.eq("run_id", runId)) < expectedChunks
        || chunks.countDocuments(
                Filters.and(
                    Filters.eq("run_id", runId),
                    Filters.eq("status", CLAIMED),
                    Filters.lt("lease_until", Date.from(now))))
            > 0;
  }

  private void ensureIndexes() {
    if (!indexed) {
      chunks.createIndex(Indexes.ascending("run_id", "status"), new IndexOptions());
      indexed = true;
    }
  }
}
