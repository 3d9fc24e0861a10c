package io.butlerbench.benchmark.run;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Runs ({@code runs}) and per-sample results ({@code run_samples}) in MongoDB. */
public class RunStore {
  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String INTERRUPTED = "INTERRUPTED";

  private final MongoCollection<Document> runs;
  private final MongoCollection<Document> samples;
  private volatile boolean indexed;

  public RunStore(MongoDatabase database) {
    this.runs = database.getCollection("runs");
    this.samples = database.getCollection("run_samples");
  }

  public void create(Document run) {
    ensureIndexes();
    runs.insertOne(run);
  }

  public Optional<Document> find(String runId) {
    return Optional.ofNullable(runs.find(Filters.eq("_id", runId)).first());
  }

  public List<Document> latest(String scenario, int limit) {
    Bson filter = scenario == null ? new Document() : Filters.eq("scenario", scenario);
    return runs.find(filter)
        .sort(Sorts.descending("created_at"))
        .limit(limit)
        .into(new ArrayList<>());
  }

  public void update(String runId, Bson update) {
    runs.updateOne(Filters.eq("_id", runId), update);
  }

  /** Marks runs a stopped process left RUNNING or QUEUED; returns how many. */
  public long markInterrupted() {
    return runs.updateMany(
            Filters.in("status", RUNNING, QUEUED),
            Updates.combine(
                Updates.set("status", INTERRUPTED),
                Updates.set(
                    "reason",
                    "the service stopped during the run; resume it with POST /runs/{id}/resume"),
                Updates.set("finished_at", new Date())))
        .getModifiedCount();
  }

  public Optional<Document> baseline(String scenario) {
    return Optional.ofNullable(
        runs.find(Filters.and(Filters.eq("scenario", scenario), Filters.eq("baseline", true)))
            .first());
  }

  /** Makes {@code runId} the only baseline of its scenario. */
  public void markBaseline(String runId, String scenario) {
    runs.updateMany(
        Filters.and(Filters.eq("scenario", scenario), Filters.ne("_id", runId)),
        Updates.set("baseline", false));
    update(runId, Updates.set("baseline", true));
  }

  /** Stores results; one that is already there (a resumed run's overlap) is kept as it was. */
  public void saveSamples(List<Document> results) {
    if (results.isEmpty()) {
      return;
    }
    try {
      samples.insertMany(results, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
        throw e;
      }
    }
  }

  /** {@code sample_id/repeat} of every stored result of the run. */
  public Set<String> finishedResults(String runId) {
    Set<String> ids = new HashSet<>();
    for (Document result :
        samples
            .find(Filters.eq("run_id", runId))
            .projection(Projections.include("sample_id", "repeat"))) {
      ids.add(result.getString("sample_id") + "/" + result.getInteger("repeat", 0));
    }
    return ids;
  }

  public List<Document> samples(String runId) {
    return samples
        .find(Filters.eq("run_id", runId))
        .sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  private void ensureIndexes() {
    if (!indexed) {
      samples.createIndex(
          Indexes.ascending("run_id", "sample_id", "repeat"), new IndexOptions().unique(true));
      runs.createIndex(
          Indexes.compoundIndex(Indexes.ascending("scenario"), Indexes.descending("created_at")));
      indexed = true;
    }
  }
}
