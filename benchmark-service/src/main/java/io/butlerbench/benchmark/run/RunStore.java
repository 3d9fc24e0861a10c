package io.butlerbench.benchmark.run;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.contracts.run.DefectBreakdown;
import io.butlerbench.contracts.run.MetricResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Runs ({@code runs}), per-sample results ({@code run_samples}) and the blessed baseline of each
 * scenario ({@code baselines}) in MongoDB.
 */
public class RunStore {
  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String INTERRUPTED = "INTERRUPTED";

  /** Results per round trip of a streamed read: what such a read holds at most, per cursor. */
  static final int RESULT_BATCH = 500;

  private final MongoCollection<Document> runs;
  private final MongoCollection<Document> samples;
  private final MongoCollection<Document> baselines;
  private volatile boolean indexed;

  public RunStore(MongoDatabase database) {
    this.runs = database.getCollection("runs");
    this.samples = database.getCollection("run_samples");
    this.baselines = database.getCollection("baselines");
  }

  /** Records a new run of {@code plan}, QUEUED, and returns it as stored. */
  public Document createQueued(String runId, RunPlan plan, Judge judge, Instant createdAt) {
    Document run =
        new Document("_id", runId)
            .append("run_id", runId)
            .append("scenario", plan.scenario().name())
            .append("dataset_id", plan.scenario().datasetId())
            .append("dataset_version", plan.datasetVersion())
            .append("record_count", plan.recordCount())
            .append("judge", judge.name())
            .append("judge_model", judge.model())
            .append("prompt_version", judge.promptVersion())
            .append("candidate_model", plan.candidateModel())
            .append("concurrency", plan.concurrency())
            .append("seed", plan.seed())
            .append("temperature", plan.temperature())
            .append("warn_as_fail", plan.warnAsFail())
            .append("deadline_seconds", plan.deadline().toSeconds())
            .append("status", QUEUED)
            .append("created_at", Date.from(createdAt))
            .append("repeats", plan.repeats())
            .append("progress", progress(plan.totalResults(), 0, 0));
    create(run);
    return run;
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

  /**
   * Moves a run from one of {@code from} to {@code to} in one conditional update; false when
   * another request or worker moved it first. Every lifecycle change goes through here.
   */
  public boolean transition(String runId, List<String> from, String to, Bson changes) {
    return runs.updateOne(
                Filters.and(Filters.eq("_id", runId), Filters.in("status", from)),
                Updates.combine(Updates.set("status", to), changes))
            .getModifiedCount()
        == 1;
  }

  /** QUEUED to RUNNING, with the run's deadline and this instance's first lease on it. */
  public boolean start(String runId, Instant now, Instant deadlineAt, Instant leaseUntil) {
    return transition(
        runId,
        List.of(QUEUED),
        RUNNING,
        Updates.combine(
            Updates.set("started_at", Date.from(now)),
            Updates.set("deadline_at", Date.from(deadlineAt)),
            Updates.set("lease_until", Date.from(leaseUntil))));
  }

  /** INTERRUPTED or FAILED back to QUEUED, forgetting how it ended; false when it was not. */
  public boolean requeue(String runId) {
    return transition(
        runId,
        List.of(INTERRUPTED, FAILED),
        QUEUED,
        Updates.combine(Updates.unset("reason"), Updates.unset("finished_at")));
  }

  /** QUEUED or RUNNING to FAILED: for a run that can never be planned again. */
  public void abandon(String runId, String reason, Instant at) {
    transition(
        runId,
        List.of(QUEUED, RUNNING),
        FAILED,
        Updates.combine(Updates.set("reason", reason), Updates.set("finished_at", Date.from(at))));
  }

  /**
   * RUNNING to COMPLETED with the verdict and the exact final progress, in one conditional update;
   * false when another instance recorded the end first.
   */
  public boolean complete(
      String runId, RunVerdict.Verdict verdict, long total, Duration wallTime, Instant finishedAt) {
    return transition(
        runId,
        List.of(RUNNING),
        COMPLETED,
        Updates.combine(
            Updates.set("finished_at", Date.from(finishedAt)),
            Updates.set(
                "progress",
                progress(total, verdict.results(), verdict.errors())
                    .append("elapsed_seconds", wallTime.toMillis() / 1000.0)),
            Updates.set("metrics", verdict.metrics().stream().map(RunStore::metricRow).toList()),
            Updates.set("outcome", verdict.outcome().name()),
            Updates.set("reason", verdict.reason()),
            Updates.set("error_share", verdict.errorShare()),
            Updates.set("errors", verdict.errors()),
            Updates.set("judge_calls", verdict.judgeCalls()),
            Updates.set(
                "defect_breakdown", verdict.defects().stream().map(RunStore::defectRow).toList())));
  }

  /** RUNNING to FAILED, saying why, with the progress counted from what is stored. */
  public void fail(String runId, String reason, long total, Instant finishedAt) {
    transition(
        runId,
        List.of(RUNNING),
        FAILED,
        Updates.combine(
            Updates.set("reason", reason),
            Updates.set("progress", progress(total, countSamples(runId), countErrors(runId))),
            Updates.set("finished_at", Date.from(finishedAt))));
  }

  /** Adds a pass's newly stored results to the run's progress. */
  public void addProgress(String runId, long done, long errors, double elapsedSeconds) {
    update(
        runId,
        Updates.combine(
            Updates.inc("progress.done", done),
            Updates.inc("progress.errors", errors),
            Updates.set("progress.elapsed_seconds", elapsedSeconds)));
  }

  private static Document progress(long total, long done, long errors) {
    return new Document("total", total).append("done", done).append("errors", errors);
  }

  private static Document metricRow(MetricResult metric) {
    return new Document("metric", metric.metric())
        .append("value", metric.value())
        .append("outcome", metric.outcome().name())
        .append("pass", metric.pass())
        .append("warn", metric.warn())
        .append("samples", metric.samples())
        .append("spread", metric.spread())
        .append("review_needed", metric.reviewNeeded());
  }

  private static Document defectRow(DefectBreakdown defect) {
    return new Document("defect", defect.defect())
        .append("metric", defect.metric())
        .append("mean_with_defect", defect.meanWithDefect())
        .append("mean_clean", defect.meanClean())
        .append("samples_with_defect", defect.samplesWithDefect());
  }

  /** Runs that may have work nobody does: every RUNNING run, and QUEUED ones older than given. */
  public List<Document> withWork(Instant queuedBefore) {
    return runs.find(
            Filters.or(
                Filters.eq("status", RUNNING),
                Filters.and(
                    Filters.eq("status", QUEUED),
                    Filters.lt("created_at", Date.from(queuedBefore)))))
        .into(new ArrayList<>());
  }

  /** The heartbeat of the runs an instance takes part in. */
  public void extendLease(Collection<String> runIds, Instant leaseUntil) {
    if (!runIds.isEmpty()) {
      runs.updateMany(
          Filters.and(Filters.in("_id", runIds), Filters.eq("status", RUNNING)),
          Updates.set("lease_until", Date.from(leaseUntil)));
    }
  }

  public boolean isRunning(String runId) {
    return runs.countDocuments(Filters.and(Filters.eq("_id", runId), Filters.eq("status", RUNNING)))
        == 1;
  }

  public Optional<Document> baseline(String scenario) {
    return Optional.ofNullable(baselines.find(Filters.eq("_id", scenario)).first())
        .flatMap(pointer -> find(pointer.getString("run_id")));
  }

  /**
   * Makes {@code runId} the baseline of its scenario, blessed by {@code blessedBy} (the subject of
   * the caller's token). One pointer document per scenario, replaced in one write, so concurrent
   * blessings leave exactly one baseline (the last one written) with its own actor.
   */
  public void markBaseline(String runId, String scenario, String blessedBy) {
    baselines.replaceOne(
        Filters.eq("_id", scenario),
        new Document("_id", scenario)
            .append("run_id", runId)
            .append("blessed_at", new Date())
            .append("blessed_by", blessedBy),
        new ReplaceOptions().upsert(true));
  }

  /** The baseline pointer ({@code run_id}, {@code blessed_at}, {@code blessed_by}) by scenario. */
  public Map<String, Document> baselineRuns() {
    Map<String, Document> byScenario = new HashMap<>();
    baselines.find().forEach(p -> byScenario.put(p.getString("_id"), p));
    return byScenario;
  }

  /** Stores a batch of results, unordered; one already there is kept as it was. */
  public void saveSamples(List<Document> results) {
    if (results.isEmpty()) {
      return;
    }
    try {
      samples.insertMany(results, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteErrors().stream()
          .anyMatch(
              error ->
                  ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
        throw e;
      }
    }
  }

  public long countSamples(String runId) {
    return samples.countDocuments(Filters.eq("run_id", runId));
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

  /** {@code sample_id/repeat} of the stored results of the given samples of the run. */
  public Set<String> finishedResults(String runId, List<String> sampleIds) {
    Set<String> ids = new HashSet<>();
    for (Document result :
        samples
            .find(Filters.and(Filters.eq("run_id", runId), Filters.in("sample_id", sampleIds)))
            .projection(Projections.include("sample_id", "repeat"))) {
      ids.add(result.getString("sample_id") + "/" + result.getInteger("repeat", 0));
    }
    return ids;
  }

  public long countErrors(String runId) {
    return samples.countDocuments(
        Filters.and(Filters.eq("run_id", runId), Filters.eq("status", "ERROR")));
  }

  /** Every stored result of the run, one at a time, without the texts. */
  public void forEachSample(String runId, Consumer<Document> results) {
    samples
        .find(Filters.eq("run_id", runId))
        .projection(Projections.exclude("candidate_summary"))
        .forEach(results);
  }

  /**
   * Every stored result of the run in {@code sample_id} then {@code repeat} order, the order of the
   * unique index on {@code (run_id, sample_id, repeat)}, so MongoDB sorts nothing; only what a
   * comparison reads ({@code sample_id}, {@code repeat}, {@code status}, {@code scores}), fetched
   * {@value #RESULT_BATCH} at a time. The caller closes the cursor.
   */
  public MongoCursor<Document> resultsBySample(String runId) {
    return samples
        .find(Filters.eq("run_id", runId))
        .projection(
            Projections.fields(
                Projections.include("sample_id", "repeat", "status", "scores"),
                Projections.excludeId()))
        .sort(Sorts.ascending("sample_id", "repeat"))
        .batchSize(RESULT_BATCH)
        .iterator();
  }

  /**
   * The {@code p}-th percentile (0-100) of the run's positive latencies, interpolated between the
   * closest ranks exactly as {@link Statistics#percentile}; empty when no result has one. MongoDB
   * counts them, then sorts only the latencies and returns the one or two around the rank, counted
   * from the top: nothing of the run is held here.
   */
  public OptionalDouble latencyPercentile(String runId, double p) {
    Bson timed = Filters.and(Filters.eq("run_id", runId), Filters.gt("latency_seconds", 0));
    long count = samples.countDocuments(timed);
    if (count == 0) {
      return OptionalDouble.empty();
    }
    double rank = p / 100.0 * (count - 1);
    long lower = (long) Math.floor(rank);
    long upper = (long) Math.ceil(rank);
    List<Double> around = new ArrayList<>(2);
    samples
        .aggregate(
            List.of(
                Aggregates.match(timed),
                Aggregates.project(
                    Projections.fields(
                        Projections.include("latency_seconds"), Projections.excludeId())),
                Aggregates.sort(Sorts.descending("latency_seconds")),
                Aggregates.skip(Math.toIntExact(count - 1 - upper)),
                Aggregates.limit((int) (upper - lower + 1))))
        .allowDiskUse(true)
        .forEach(latency -> around.add(((Number) latency.get("latency_seconds")).doubleValue()));
    if (around.isEmpty()) {
      return OptionalDouble.empty();
    }
    double high = around.get(0);
    double low = around.get(around.size() - 1);
    return OptionalDouble.of(low + (rank - lower) * (high - low));
  }

  /** All results of a run at once: only for small runs (tests); comparisons stream them. */
  public List<Document> samples(String runId) {
    return samples
        .find(Filters.eq("run_id", runId))
        .sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  /** The stored results of one sample of a run, one per repeat, in repeat order. */
  public List<Document> sample(String runId, String sampleId) {
    return samples
        .find(Filters.and(Filters.eq("run_id", runId), Filters.eq("sample_id", sampleId)))
        .sort(Sorts.ascending("repeat"))
        .into(new ArrayList<>());
  }

  /** One page of a run's results, in a stable order. */
  public List<Document> samples(String runId, int offset, int limit) {
    return samples
        .find(Filters.eq("run_id", runId))
        .sort(Sorts.ascending("_id"))
        .skip(offset)
        .limit(limit)
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
