package io.butlerbench.benchmark.run;

import com.mongodb.client.model.Updates;
import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.Sample;
import io.butlerbench.benchmark.judge.Verdict;
import io.butlerbench.benchmark.scenario.Outcome;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Runs a scenario: streams the dataset version from the exporter, judges samples with at most
 * {@code concurrency} in flight, stores each result the moment it exists, then aggregates (means
 * over scored samples, p95 of latency), applies the thresholds and publishes the metrics. Runs
 * execute in the background; their status and progress are in MongoDB.
 *
 * <p>The integrity rules: every sample ends as exactly one stored result, scored or ERROR with its
 * reason; a sample counts as done only once stored, so after a crash at most the samples in flight
 * are judged again; a run whose stored results do not match its dataset, or whose error share is
 * over the limit, is inconclusive (ERROR), never PASS or FAIL; a result that cannot be stored, a
 * broken dataset stream or a passed deadline fails the run as such, keeping what was stored.
 */
public class Runner {
  private static final Logger LOG = Logger.getLogger(Runner.class);
  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

  private final RunStore store;
  private final DatasetSource datasets;
  private final Function<String, Judge> judges;
  private final CandidateGenerator generator;
  private final RunMetrics metrics;
  private final double maxErrorShare;
  private final double reviewBand;
  private final Clock clock;
  private final ExecutorService background = Executors.newCachedThreadPool(Runner::runThread);

  public Runner(
      RunStore store,
      DatasetSource datasets,
      Function<String, Judge> judges,
      CandidateGenerator generator,
      RunMetrics metrics,
      double maxErrorShare,
      double reviewBand,
      Clock clock) {
    this.store = store;
    this.datasets = datasets;
    this.judges = judges;
    this.generator = generator;
    this.metrics = metrics;
    this.maxErrorShare = maxErrorShare;
    this.reviewBand = reviewBand;
    this.clock = clock;
  }

  /** Records the run as QUEUED and starts it in the background. */
  public Document submit(RunPlan plan) {
    Judge judge = judges.apply(plan.judge());
    String runId = "run-" + UUID.randomUUID();
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
            .append("status", RunStore.QUEUED)
            .append("created_at", Date.from(clock.instant()))
            .append("repeats", plan.repeats())
            .append("progress", progress(total(plan), 0, 0, 0));
    store.create(run);
    background.submit(() -> execute(runId, plan));
    return run;
  }

  /**
   * Continues an INTERRUPTED or FAILED run; samples already stored are not judged again. False when
   * the run was not in such a state at the moment of the conditional update (another resume won).
   */
  public boolean resume(String runId, RunPlan plan) {
    boolean claimed =
        store.transition(
            runId,
            List.of(RunStore.INTERRUPTED, RunStore.FAILED),
            RunStore.QUEUED,
            Updates.combine(Updates.unset("reason"), Updates.unset("finished_at")));
    if (claimed) {
      background.submit(() -> execute(runId, plan));
    }
    return claimed;
  }

  /** Blocks until queued runs finish; for tests and an orderly shutdown. */
  public void awaitIdle(Duration timeout) throws InterruptedException {
    background.shutdown();
    background.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void execute(String runId, RunPlan plan) {
    Instant started = clock.instant();
    if (!store.transition(
        runId,
        List.of(RunStore.QUEUED),
        RunStore.RUNNING,
        Updates.set("started_at", Date.from(started)))) {
      LOG.warnf("run %s was no longer QUEUED; another worker has it", runId);
      return;
    }
    long startNanos = System.nanoTime();
    long deadlineNanos = startNanos + plan.deadline().toNanos();
    Judge judge = judges.apply(plan.judge());
    Scenario scenario = plan.scenario();
    Set<String> finished = store.finishedResults(runId);
    AtomicLong stored = new AtomicLong(finished.size());
    AtomicLong errors = new AtomicLong();
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    AtomicReference<RuntimeException> storageFailure = new AtomicReference<>();
    Semaphore inFlight = new Semaphore(plan.concurrency());
    ExecutorService workers = Executors.newFixedThreadPool(plan.concurrency(), Runner::runThread);
    String failure = null;
    try {
      datasets.forEachRecord(
          new DatasetSource.Version(
              scenario.datasetId(), plan.datasetVersion(), plan.recordCount()),
          record -> {
            Sample sample = Sample.of(record);
            for (int repeat = 0; repeat < plan.repeats(); repeat++) {
              if (finished.contains(sample.sampleId() + "/" + repeat)) {
                continue;
              }
              awaitPermit(inFlight, deadlineNanos);
              if (storageFailure.get() != null) {
                inFlight.release();
                throw storageFailure.get();
              }
              int attempt = repeat;
              workers.submit(
                  () -> {
                    try {
                      Document result = judgeOrError(runId, plan, judge, sample, attempt);
                      if (Thread.currentThread().isInterrupted()) {
                        return; // cut off by the deadline: not a result, judged again on resume
                      }
                      store.saveSample(result);
                      if ("ERROR".equals(result.getString("status"))) {
                        errors.incrementAndGet();
                      }
                      reportProgress(
                          runId, plan, stored.incrementAndGet(), errors, lastProgress, startNanos);
                    } catch (RuntimeException e) {
                      storageFailure.compareAndSet(null, e);
                    } finally {
                      inFlight.release();
                    }
                  });
            }
          });
    } catch (DeadlinePassed e) {
      failure = deadlineReason(plan);
    } catch (RuntimeException e) {
      LOG.errorf(e, "run %s failed", runId);
      failure = "infrastructure error: " + e.getMessage();
    } finally {
      workers.shutdown();
    }
    try {
      if (!workers.awaitTermination(
          Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(1, TimeUnit.MINUTES);
        failure = failure == null ? deadlineReason(plan) : failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
      failure = "interrupted";
    }
    if (storageFailure.get() != null) {
      LOG.errorf(storageFailure.get(), "run %s could not store a result", runId);
      failure = "infrastructure error: a result could not be stored: " + storageFailure.get();
    }
    try {
      if (failure == null) {
        finish(runId, plan, startNanos);
      } else {
        fail(runId, failure, store.countSamples(runId), total(plan));
      }
    } catch (RuntimeException e) {
      // MongoDB is gone: the run stays RUNNING until a restart marks it INTERRUPTED
      LOG.errorf(e, "run %s could not record its end", runId);
    }
  }

  /** Judges one sample; anything our side throws becomes an ERROR result, never a lost sample. */
  private Document judgeOrError(
      String runId, RunPlan plan, Judge judge, Sample sample, int repeat) {
    try {
      return judgeOne(runId, plan, judge, sample, repeat);
    } catch (RuntimeException e) {
      LOG.errorf(e, "run %s: sample %s failed outside the judge", runId, sample.sampleId());
      return resultOf(runId, sample, repeat)
          .append("status", "ERROR")
          .append("error", "judging failed: " + e)
          .append("judge_calls", 0);
    }
  }

  private void reportProgress(
      String runId,
      RunPlan plan,
      long stored,
      AtomicLong errors,
      AtomicLong lastProgress,
      long startNanos) {
    long seen = lastProgress.get();
    // one worker a second writes the progress; the others skip
    if (System.nanoTime() - seen > PROGRESS_EVERY_NANOS
        && lastProgress.compareAndSet(seen, System.nanoTime())) {
      store.update(
          runId,
          Updates.set(
              "progress", progress(total(plan), stored, errors.get(), elapsed(startNanos))));
    }
  }

  private static void awaitPermit(Semaphore inFlight, long deadlineNanos) {
    try {
      if (!inFlight.tryAcquire(
          Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new DeadlinePassed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String deadlineReason(RunPlan plan) {
    return "the run passed its deadline of "
        + plan.deadline().toSeconds()
        + " s; what was stored is kept: resume it with POST /runs/{id}/resume";
  }

  /** Thrown into the dataset stream to stop it when the run's deadline has passed. */
  private static final class DeadlinePassed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadlinePassed() {
      super("deadline passed", null, false, false);
    }
  }

  private static Document resultOf(String runId, Sample sample, int repeat) {
    return new Document("_id", runId + "/" + sample.sampleId() + "/" + repeat)
        .append("run_id", runId)
        .append("sample_id", sample.sampleId())
        .append("repeat", repeat)
        .append("injected_defects", sample.injectedDefects());
  }

  private Document judgeOne(String runId, RunPlan plan, Judge judge, Sample sample, int repeat) {
    String summary = sample.summary();
    double latency = sample.latencySeconds();
    Document result = resultOf(runId, sample, repeat);
    if (plan.candidateModel() != null) {
      CandidateGenerator.Generation generation =
          generator.generate(
              plan.candidateModel(), sample.sourceText(), plan.temperature(), plan.seed() + repeat);
      metrics.tokens(
          "benchmark.candidate.tokens",
          plan.candidateModel(),
          generation.promptTokens(),
          generation.completionTokens());
      if (generation.error() != null) {
        return result
            .append("status", "ERROR")
            .append("error", generation.error())
            .append("judge_calls", 0);
      }
      summary = generation.summary();
      latency = generation.latencySeconds();
      result.append("candidate_summary", summary);
    }
    long judgeStart = System.nanoTime();
    Verdict verdict =
        judge.judge(sample, summary, new Judge.Sampling(plan.temperature(), plan.seed() + repeat));
    metrics.judgeCall(
        judge.name(),
        verdict.isError() ? "error" : verdict.cached() ? "cached" : "ok",
        Duration.ofNanos(System.nanoTime() - judgeStart));
    metrics.tokens(
        "benchmark.judge.tokens",
        judge.model(),
        verdict.promptTokens(),
        verdict.completionTokens());
    result
        .append("latency_seconds", latency)
        .append("judge_calls", verdict.calls())
        .append("cached", verdict.cached())
        .append("prompt_tokens", verdict.promptTokens())
        .append("completion_tokens", verdict.completionTokens());
    if (verdict.isError()) {
      return result.append("status", "ERROR").append("error", verdict.error());
    }
    return result
        .append("status", "OK")
        .append("scores", new Document(new LinkedHashMap<>(verdict.scores())));
  }

  /** Aggregates the stored results, applies the thresholds and publishes the metrics. */
  private void finish(String runId, RunPlan plan, long startNanos) {
    Scenario scenario = plan.scenario();
    List<Document> results = store.samples(runId);
    long expected = total(plan);
    long errored = results.stream().filter(r -> "ERROR".equals(r.getString("status"))).count();
    List<Document> scored =
        results.stream().filter(r -> "OK".equals(r.getString("status"))).toList();
    List<Document> metricRows = new ArrayList<>();
    Outcome overall = Outcome.PASS;
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, Threshold> entry : scenario.thresholds().entrySet()) {
      String metric = entry.getKey();
      double[] values =
          metric.equals(Scenario.LATENCY)
              ? results.stream()
                  .filter(r -> r.get("latency_seconds") != null)
                  .mapToDouble(r -> r.getDouble("latency_seconds"))
                  .filter(v -> v > 0)
                  .toArray()
              : scored.stream()
                  .mapToDouble(r -> score(r, metric))
                  .filter(v -> !Double.isNaN(v))
                  .toArray();
      if (values.length == 0) {
        overall = Outcome.ERROR;
        reasons.add(metric + ": no sample to aggregate, inconclusive");
        continue;
      }
      double value =
          metric.equals(Scenario.LATENCY)
              ? Statistics.percentile(values, 95)
              : Statistics.mean(values);
      value = Math.round(value * 10_000) / 10_000.0;
      Threshold threshold = entry.getValue();
      Outcome outcome = threshold.outcome(value);
      overall = Outcome.worst(overall, outcome);
      double spread =
          metric.equals(Scenario.LATENCY) ? 0 : spreadAcrossRepeats(scored, metric, plan.repeats());
      boolean reviewNeeded = nearLimit(value, threshold, spread);
      metricRows.add(
          new Document("metric", metric)
              .append("value", value)
              .append("outcome", outcome.name())
              .append("pass", threshold.pass())
              .append("warn", threshold.warn())
              .append("samples", values.length)
              .append("spread", Math.round(spread * 10_000) / 10_000.0)
              .append("review_needed", reviewNeeded));
      metrics.metric(scenario.name(), scenario.datasetId(), metric, value, outcome);
      if (outcome != Outcome.PASS) {
        reasons.add(metric + " " + value + " is " + outcome.name());
      }
      if (reviewNeeded) {
        reasons.add(metric + " " + value + " is within the review band of a limit: review needed");
      }
    }
    double errorShare = results.isEmpty() ? 1.0 : (double) errored / results.size();
    if (errorShare > maxErrorShare) {
      overall = Outcome.ERROR;
      reasons.add(
          0,
          String.format(
              Locale.ROOT,
              "inconclusive: %.1f %% of samples errored (limit %.1f %%)",
              errorShare * 100,
              maxErrorShare * 100));
    }
    if (results.size() != expected) {
      overall = Outcome.ERROR;
      reasons.add(
          0,
          "inconclusive: "
              + results.size()
              + " results are stored for the "
              + expected
              + " the dataset version holds");
    }
    if (plan.warnAsFail() && overall == Outcome.WARN) {
      overall = Outcome.FAIL;
      reasons.add("warn counts as failing for this run");
    }
    Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
    metrics.runFinished(scenario.name(), scenario.datasetId(), wallTime, overall);
    store.transition(
        runId,
        List.of(RunStore.RUNNING),
        RunStore.COMPLETED,
        Updates.combine(
            Updates.set("finished_at", Date.from(clock.instant())),
            Updates.set(
                "progress",
                progress(total(plan), results.size(), errored, wallTime.toMillis() / 1000.0)),
            Updates.set("metrics", metricRows),
            Updates.set("outcome", overall.name()),
            Updates.set(
                "reason", reasons.isEmpty() ? "every metric passes" : String.join("; ", reasons)),
            Updates.set("error_share", Math.round(errorShare * 10_000) / 10_000.0),
            Updates.set("errors", errored),
            Updates.set(
                "judge_calls",
                results.stream().mapToLong(r -> r.getInteger("judge_calls", 0)).sum()),
            Updates.set("defect_breakdown", defectBreakdown(scored))));
    LOG.infof(
        "run %s of %s finished: %s (%d samples, %d errors)",
        runId, scenario.name(), overall, results.size(), errored);
  }

  /**
   * Standard deviation, across repeats, of the metric's mean over the samples of each repeat: how
   * much the judge moves between identical runs. Zero with a single repeat.
   */
  private static double spreadAcrossRepeats(List<Document> scored, String metric, int repeats) {
    if (repeats < 2) {
      return 0;
    }
    double[] means = new double[repeats];
    for (int repeat = 0; repeat < repeats; repeat++) {
      int current = repeat;
      means[repeat] =
          Statistics.mean(
              scored.stream()
                  .filter(r -> r.getInteger("repeat", 0) == current)
                  .mapToDouble(r -> score(r, metric))
                  .filter(v -> !Double.isNaN(v))
                  .toArray());
    }
    return Statistics.standardDeviation(means);
  }

  /**
   * A value within {@code reviewBand} (relative to the limit) or within the spread of a pass or
   * warn limit could flip between identical runs: it is flagged for a person rather than trusted.
   */
  private boolean nearLimit(double value, Threshold threshold, double spread) {
    for (double limit : new double[] {threshold.pass(), threshold.warn()}) {
      if (Math.abs(value - limit) <= Math.max(reviewBand * Math.abs(limit), spread)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Per injected defect: the mean of the metric it targets on samples that carry it, against the
   * mean on clean samples. A judge worth its name scores the defective ones lower.
   */
  private static List<Document> defectBreakdown(List<Document> scored) {
    Map<String, String> targets =
        Map.of(
            "key_post_omitted", "coverage",
            "invented_fact", "accuracy",
            "shuffled_order", "coherence",
            "filler", "informativeness");
    List<Document> rows = new ArrayList<>();
    List<Document> clean =
        scored.stream()
            .filter(r -> r.getList("injected_defects", String.class, List.of()).isEmpty())
            .toList();
    for (Map.Entry<String, String> target : new java.util.TreeMap<>(targets).entrySet()) {
      double[] withDefect =
          scored.stream()
              .filter(
                  r ->
                      r.getList("injected_defects", String.class, List.of())
                          .contains(target.getKey()))
              .mapToDouble(r -> score(r, target.getValue()))
              .toArray();
      double[] cleanValues = clean.stream().mapToDouble(r -> score(r, target.getValue())).toArray();
      if (withDefect.length > 0 && cleanValues.length > 0) {
        rows.add(
            new Document("defect", target.getKey())
                .append("metric", target.getValue())
                .append(
                    "mean_with_defect", Math.round(Statistics.mean(withDefect) * 10_000) / 10_000.0)
                .append("mean_clean", Math.round(Statistics.mean(cleanValues) * 10_000) / 10_000.0)
                .append("samples_with_defect", withDefect.length));
      }
    }
    return rows;
  }

  private static double score(Document result, String metric) {
    Document scores = result.get("scores", Document.class);
    Object value = scores == null ? null : scores.get(metric);
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  private void fail(String runId, String reason, long stored, long total) {
    store.transition(
        runId,
        List.of(RunStore.RUNNING),
        RunStore.FAILED,
        Updates.combine(
            Updates.set("reason", reason),
            Updates.set("progress.done", stored),
            Updates.set("progress.total", total),
            Updates.set("finished_at", Date.from(clock.instant()))));
  }

  /** Results a run produces: every sample, every repeat. */
  private static long total(RunPlan plan) {
    return plan.recordCount() * plan.repeats();
  }

  private static Document progress(long total, long done, long errors, double elapsedSeconds) {
    return new Document("total", total)
        .append("done", done)
        .append("errors", errors)
        .append("elapsed_seconds", elapsedSeconds);
  }

  private static double elapsed(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }

  private static Thread runThread(Runnable work) {
    Thread thread = new Thread(work, "benchmark-run");
    thread.setDaemon(true);
    return thread;
  }
}
