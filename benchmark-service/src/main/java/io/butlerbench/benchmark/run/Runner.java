package io.butlerbench.benchmark.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Updates;
import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.Sample;
import io.butlerbench.benchmark.judge.Verdict;
import io.butlerbench.benchmark.scenario.Outcome;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.service.problem.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Runs a scenario: streams the dataset version from the exporter, claims it chunk by chunk, judges
 * the samples of its chunks with at most {@code concurrency} in flight, stores each result the
 * moment it exists, and once every chunk is done, aggregates ({@link RunVerdict}), applies the
 * thresholds and publishes the metrics. Runs execute in the background; their status and progress
 * are in MongoDB.
 *
 * <p>The integrity rules: every sample ends as exactly one stored result, scored or ERROR with its
 * reason; a sample counts as done only once stored, so after a crash at most the samples in flight
 * are judged again; a run whose stored results do not match its dataset, or whose error share is
 * over the limit, is inconclusive (ERROR), never PASS or FAIL; a result that cannot be stored, a
 * broken dataset stream or a passed deadline fails the run as such, keeping what was stored. Every
 * lifecycle change is one conditional update, so instances sharing one MongoDB can each take part
 * in a run ({@link RunChunks}) and only one of them records its end.
 */
public class Runner {
  private static final Logger LOG = Logger.getLogger(Runner.class);
  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
  private static final long WRITE_LINGER_NANOS = 20_000_000L;

  /** The knobs of the runner, from configuration. */
  public record Settings(
      double maxErrorShare,
      double reviewBand,
      int chunkSize,
      Duration lease,
      int maxConcurrentRuns) {}

  /** Every run slot of this instance is taken: the caller answers 429. */
  public static class AtCapacityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AtCapacityException(int runs) {
      super("this instance already executes its limit of " + runs + " concurrent runs");
    }
  }

  private final RunStore store;
  private final RunChunks chunks;
  private final DatasetSource datasets;
  private final Function<String, Judge> judges;
  private final CandidateGenerator generator;
  private final RunMetrics metrics;
  private final Settings settings;
  private final Clock clock;
  private final String instance = "instance-" + UUID.randomUUID();
  private final Semaphore runSlots;
  private final Set<String> executing = ConcurrentHashMap.newKeySet();
  private final Set<String> claimedChunks = ConcurrentHashMap.newKeySet();
  private final ExecutorService background = Executors.newCachedThreadPool(Runner::runThread);

  public Runner(
      RunStore store,
      RunChunks chunks,
      DatasetSource datasets,
      Function<String, Judge> judges,
      CandidateGenerator generator,
      RunMetrics metrics,
      Settings settings,
      Clock clock) {
    this.store = store;
    this.chunks = chunks;
    this.datasets = datasets;
    this.judges = judges;
    this.generator = generator;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
    this.runSlots = new Semaphore(settings.maxConcurrentRuns());
  }

  /** Records the run as QUEUED and starts it in the background. */
  public Document submit(RunPlan plan) {
    takeSlot();
    try {
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
              .append("progress", progress(total(plan), 0, 0));
      store.create(run);
      startInBackground(runId, plan);
      return run;
    } catch (RuntimeException e) {
      runSlots.release();
      throw e;
    }
  }

  /**
   * Continues an INTERRUPTED or FAILED run; samples already stored are not judged again. False when
   * the run was not in such a state at the moment of the conditional update (another resume won).
   */
  public boolean resume(String runId, RunPlan plan) {
    takeSlot();
    boolean claimed =
        store.transition(
            runId,
            List.of(RunStore.INTERRUPTED, RunStore.FAILED),
            RunStore.QUEUED,
            Updates.combine(Updates.unset("reason"), Updates.unset("finished_at")));
    if (!claimed) {
      runSlots.release();
      return false;
    }
    startInBackground(runId, plan);
    return true;
  }

  /**
   * Joins runs that have work nobody does: a chunk unclaimed or abandoned by a dead instance, a run
   * whose instances all died (its lease expired), or one left QUEUED. Called periodically.
   */
  public void sweep(Function<Document, RunPlan> planOf) {
    Instant now = clock.instant();
    for (Document run : store.withWork(now.minus(settings.lease()))) {
      String runId = run.getString("_id");
      if (executing.contains(runId)) {
        continue;
      }
      boolean queued = RunStore.QUEUED.equals(run.getString("status"));
      long expectedChunks =
          (run.get("record_count", Number.class) == null
              ? Long.MAX_VALUE
              : (run.get("record_count", Number.class).longValue() + settings.chunkSize() - 1)
                  / settings.chunkSize());
      Date lease = run.getDate("lease_until");
      boolean abandoned = lease == null || lease.toInstant().isBefore(now);
      if (!queued && !abandoned && !chunks.claimable(runId, expectedChunks, now)) {
        continue;
      }
      if (!runSlots.tryAcquire()) {
        return;
      }
      try {
        RunPlan plan = planOf.apply(run);
        LOG.infof("run %s has work no live instance does: %s joins it", runId, instance);
        if (queued) {
          startInBackground(runId, plan);
        } else {
          background.submit(() -> participateAndRelease(runId, plan));
        }
      } catch (InvalidRequestException e) {
        // the run can never be planned again (its dataset version is gone): it ends, saying why
        runSlots.release();
        store.transition(
            runId,
            List.of(RunStore.QUEUED, RunStore.RUNNING),
            RunStore.FAILED,
            Updates.combine(
                Updates.set("reason", "cannot continue: " + e.getMessage()),
                Updates.set("finished_at", Date.from(now))));
      } catch (RuntimeException e) {
        runSlots.release();
        LOG.warnf("run %s cannot be joined now: %s", runId, e.getMessage());
      }
    }
  }

  /** Keeps this instance's claims on its runs and chunks alive. Called periodically. */
  public void heartbeat() {
    Instant leaseUntil = clock.instant().plus(settings.lease());
    store.extendLease(executing, leaseUntil);
    chunks.extend(claimedChunks, instance, leaseUntil);
  }

  /** Blocks until queued runs finish; for tests and an orderly shutdown. */
  public void awaitIdle(Duration timeout) throws InterruptedException {
    background.shutdown();
    background.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void takeSlot() {
    if (!runSlots.tryAcquire()) {
      throw new AtCapacityException(settings.maxConcurrentRuns());
    }
  }

  private void startInBackground(String runId, RunPlan plan) {
    background.submit(
        () -> {
          Instant now = clock.instant();
          if (store.transition(
              runId,
              List.of(RunStore.QUEUED),
              RunStore.RUNNING,
              Updates.combine(
                  Updates.set("started_at", Date.from(now)),
                  Updates.set("deadline_at", Date.from(now.plus(plan.deadline()))),
                  Updates.set("lease_until", Date.from(now.plus(settings.lease())))))) {
            participateAndRelease(runId, plan);
          } else {
            runSlots.release();
            LOG.warnf("run %s was no longer QUEUED; another instance has it", runId);
          }
        });
  }

  private void participateAndRelease(String runId, RunPlan plan) {
    try {
      participate(runId, plan);
    } catch (RuntimeException e) {
      // MongoDB is gone: the run's lease expires and a sweep takes it over
      LOG.errorf(e, "run %s: this instance stops taking part", runId);
    } finally {
      runSlots.release();
    }
  }

  /** One pass of this instance over the run: judge the chunks it can claim, then maybe finish. */
  private void participate(String runId, RunPlan plan) {
    if (!executing.add(runId)) {
      return;
    }
    try {
      Document run = store.find(runId).orElse(null);
      if (run == null || !RunStore.RUNNING.equals(run.getString("status"))) {
        return;
      }
      Date deadlineAt = run.getDate("deadline_at");
      Pass pass =
          new Pass(
              runId,
              plan,
              deadlineAt == null ? clock.instant().plus(plan.deadline()) : deadlineAt.toInstant());
      String failure = pass.run();
      if (failure != null) {
        fail(runId, failure, plan);
      } else if (!pass.runLeftRunning && chunks.allDone(runId, pass.chunksSeen)) {
        finish(runId, plan, pass.startNanos);
      }
    } finally {
      executing.remove(runId);
    }
  }

  /** Thrown into the dataset stream to stop this pass. */
  private static final class PassStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PassStopped(String reason) {
      super(reason, null, false, false);
    }
  }

  /** This instance's work on one run: its chunks, its workers, what went wrong. */
  private final class Pass {
    final String runId;
    final RunPlan plan;
    final Judge judge;
    final long startNanos = System.nanoTime();
    final long deadlineNanos;
    final Duration deadline;
    final Semaphore inFlight;
    final ExecutorService workers;
    final AtomicReference<RuntimeException> storageFailure = new AtomicReference<>();
    final Set<String> mine = ConcurrentHashMap.newKeySet();
    final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    final AtomicLong unreported = new AtomicLong();
    final AtomicLong unreportedErrors = new AtomicLong();
    final Set<String> storedAtStart;
    final ResultWriter results;
    List<JsonNode> buffer = new ArrayList<>();
    int chunksSeen;
    boolean runLeftRunning;

    Pass(String runId, RunPlan plan, Instant deadlineAt) {
      this.runId = runId;
      this.plan = plan;
      this.judge = judges.apply(plan.judge());
      this.deadline = plan.deadline();
      this.deadlineNanos =
          startNanos + Math.max(0, Duration.between(clock.instant(), deadlineAt).toNanos());
      this.inFlight = new Semaphore(plan.concurrency());
      this.workers = Executors.newFixedThreadPool(plan.concurrency(), Runner::runThread);
      this.storedAtStart = store.finishedResults(runId);
      this.results =
          new ResultWriter(store, WRITE_LINGER_NANOS, e -> storageFailure.compareAndSet(null, e));
    }

    /** Null when the pass ended normally, else why the run fails. */
    String run() {
      String failure = null;
      try {
        datasets.forEachRecord(
            new DatasetSource.Version(
                plan.scenario().datasetId(), plan.datasetVersion(), plan.recordCount()),
            record -> {
              buffer.add(record);
              if (buffer.size() == settings.chunkSize()) {
                chunk(chunksSeen++, buffer);
                buffer = new ArrayList<>();
              }
            });
        if (!buffer.isEmpty()) {
          chunk(chunksSeen++, buffer);
        }
      } catch (PassStopped e) {
        if (runLeftRunning) {
          LOG.infof("run %s left RUNNING; %s stops its pass", runId, instance);
        } else {
          failure = e.getMessage();
        }
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
          failure = failure == null ? deadlineReason() : failure;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        workers.shutdownNow();
        failure = "interrupted";
      }
      results.close();
      if (storageFailure.get() != null) {
        LOG.errorf(storageFailure.get(), "run %s could not store a result", runId);
        failure = "infrastructure error: a result could not be stored: " + storageFailure.get();
      }
      chunks.release(mine, instance);
      claimedChunks.removeAll(mine);
      return failure;
    }

    /** Judges the records of chunk {@code index} if this instance can claim it. */
    private void chunk(int index, List<JsonNode> records) {
      if (System.nanoTime() > deadlineNanos) {
        throw new PassStopped(deadlineReason());
      }
      if (storageFailure.get() != null) {
        throw storageFailure.get();
      }
      if (!store.isRunning(runId)) {
        runLeftRunning = true;
        throw new PassStopped("the run left RUNNING");
      }
      Instant now = clock.instant();
      RunChunks.Claim claim = chunks.claim(runId, index, instance, now, now.plus(settings.lease()));
      if (claim == RunChunks.Claim.REFUSED) {
        return;
      }
      String chunkId = RunChunks.id(runId, index);
      mine.add(chunkId);
      claimedChunks.add(chunkId);
      List<Sample> samples = records.stream().map(Sample::of).toList();
      // a chunk taken over may hold results stored since this pass began; a new one cannot
      Set<String> stored =
          claim == RunChunks.Claim.TAKEN_OVER
              ? store.finishedResults(runId, samples.stream().map(Sample::sampleId).toList())
              : storedAtStart;
      List<Runnable> work = new ArrayList<>();
      AtomicInteger outstanding = new AtomicInteger();
      for (Sample sample : samples) {
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
          if (!stored.contains(sample.sampleId() + "/" + repeat)) {
            int attempt = repeat;
            outstanding.incrementAndGet();
            work.add(() -> judgeAndStore(sample, attempt, chunkId, outstanding));
          }
        }
      }
      if (work.isEmpty()) {
        chunkDone(chunkId);
      }
      for (Runnable task : work) {
        awaitPermit();
        workers.submit(
            () -> {
              try {
                task.run();
              } finally {
                inFlight.release();
              }
            });
      }
    }

    private void judgeAndStore(
        Sample sample, int repeat, String chunkId, AtomicInteger outstanding) {
      Document result = judgeOrError(runId, plan, judge, sample, repeat);
      if (Thread.currentThread().isInterrupted()) {
        return; // cut off by the deadline: not a result, judged again on resume
      }
      results.write(
          result,
          () -> {
            reportProgress("ERROR".equals(result.getString("status")));
            if (outstanding.decrementAndGet() == 0) {
              chunkDone(chunkId);
            }
          });
    }

    private void chunkDone(String chunkId) {
      chunks.done(chunkId, instance);
      mine.remove(chunkId);
      claimedChunks.remove(chunkId);
    }

    private void awaitPermit() {
      try {
        if (!inFlight.tryAcquire(
            Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw new PassStopped(deadlineReason());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PassStopped("interrupted");
      }
    }

    /**
     * Adds this pass's newly stored results to the run's progress, at most once a second: one
     * {@code $inc} whatever the number of instances, and never more than what is stored (a crash
     * loses at most a second of increments; the run's end writes the exact count).
     */
    private void reportProgress(boolean error) {
      unreported.incrementAndGet();
      if (error) {
        unreportedErrors.incrementAndGet();
      }
      long seen = lastProgress.get();
      if (System.nanoTime() - seen > PROGRESS_EVERY_NANOS
          && lastProgress.compareAndSet(seen, System.nanoTime())) {
        store.update(
            runId,
            Updates.combine(
                Updates.inc("progress.done", unreported.getAndSet(0)),
                Updates.inc("progress.errors", unreportedErrors.getAndSet(0)),
                Updates.set("progress.elapsed_seconds", elapsed(startNanos))));
      }
    }

    private String deadlineReason() {
      return "the run passed its deadline of "
          + deadline.toSeconds()
          + " s; what was stored is kept: resume it with POST /runs/{id}/resume";
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

  /**
   * Aggregates the stored results, applies the thresholds and records the end in one conditional
   * update; only the instance whose update wins publishes the metrics.
   */
  private void finish(String runId, RunPlan plan, long startNanos) {
    Scenario scenario = plan.scenario();
    RunVerdict aggregate =
        new RunVerdict(scenario, plan.repeats(), settings.maxErrorShare(), settings.reviewBand());
    store.forEachSample(runId, aggregate::add);
    RunVerdict.Verdict verdict = aggregate.verdict(total(plan), plan.warnAsFail());
    Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
    boolean recorded =
        store.transition(
            runId,
            List.of(RunStore.RUNNING),
            RunStore.COMPLETED,
            Updates.combine(
                Updates.set("finished_at", Date.from(clock.instant())),
                Updates.set(
                    "progress",
                    progress(total(plan), aggregate.results(), aggregate.errors())
                        .append("elapsed_seconds", wallTime.toMillis() / 1000.0)),
                Updates.set("metrics", verdict.metrics()),
                Updates.set("outcome", verdict.outcome().name()),
                Updates.set("reason", verdict.reason()),
                Updates.set("error_share", Math.round(aggregate.errorShare() * 10_000) / 10_000.0),
                Updates.set("errors", aggregate.errors()),
                Updates.set("judge_calls", aggregate.judgeCalls()),
                Updates.set("defect_breakdown", verdict.defects())));
    if (!recorded) {
      return; // another instance recorded the end first
    }
    for (Document row : verdict.metrics()) {
      metrics.metric(
          scenario.name(),
          scenario.datasetId(),
          row.getString("metric"),
          row.getDouble("value"),
          Outcome.valueOf(row.getString("outcome")));
    }
    metrics.runFinished(scenario.name(), scenario.datasetId(), wallTime, verdict.outcome());
    LOG.infof(
        "run %s of %s finished: %s (%d samples, %d errors)",
        runId, scenario.name(), verdict.outcome(), aggregate.results(), aggregate.errors());
  }

  private void fail(String runId, String reason, RunPlan plan) {
    store.transition(
        runId,
        List.of(RunStore.RUNNING),
        RunStore.FAILED,
        Updates.combine(
            Updates.set("reason", reason),
            Updates.set(
                "progress",
                progress(total(plan), store.countSamples(runId), store.countErrors(runId))),
            Updates.set("finished_at", Date.from(clock.instant()))));
  }

  /** Results a run produces: every sample, every repeat. */
  private static long total(RunPlan plan) {
    return plan.recordCount() * plan.repeats();
  }

  private static Document progress(long total, long done, long errors) {
    return new Document("total", total).append("done", done).append("errors", errors);
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
