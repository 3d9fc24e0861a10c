package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.contracts.run.MetricResult;
import io.butlerbench.service.logging.WorkLog;
import io.butlerbench.service.problem.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
  private final RunMetrics metrics;
  private final Settings settings;
  private final Clock clock;
  private final String instance = "instance-" + UUID.randomUUID();
  private final Semaphore runSlots;
  private final Set<String> executing = ConcurrentHashMap.newKeySet();
  private final Set<String> claimedChunks = ConcurrentHashMap.newKeySet();
  private final ExecutorService background = Executors.newCachedThreadPool(Runner::runThread);
  private final RunPass.Context passes;

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
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
    this.runSlots = new Semaphore(settings.maxConcurrentRuns());
    this.passes =
        new RunPass.Context(
            store,
            chunks,
            datasets,
            new SampleJudgement(generator, metrics),
            settings,
            clock,
            instance,
            claimedChunks);
  }

  /** Records the run as QUEUED and starts it in the background. */
  public Document submit(RunPlan plan) {
    takeSlot();
    try {
      String runId = "run-" + UUID.randomUUID();
      Document run = store.createQueued(runId, plan, judges.apply(plan.judge()), clock.instant());
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
    if (!store.requeue(runId)) {
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
        store.abandon(runId, "cannot continue: " + e.getMessage(), now);
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
          Object previous = WorkLog.enter(WorkLog.RUN_ID, runId);
          try {
            start(runId, plan);
          } finally {
            WorkLog.leave(WorkLog.RUN_ID, previous);
          }
        });
  }

  /** Moves the run from QUEUED to RUNNING and takes part in it, unless another instance did. */
  private void start(String runId, RunPlan plan) {
    Instant now = clock.instant();
    if (store.start(runId, now, now.plus(plan.deadline()), now.plus(settings.lease()))) {
      participateAndRelease(runId, plan);
    } else {
      runSlots.release();
      LOG.warnf("run %s was no longer QUEUED; another instance has it", runId);
    }
  }

  private void participateAndRelease(String runId, RunPlan plan) {
    // every line logged for this pass, on this thread and its workers, carries run_id (MDC)
    Object previous = WorkLog.enter(WorkLog.RUN_ID, runId);
    try {
      participate(runId, plan);
    } catch (RuntimeException e) {
      // MongoDB is gone: the run's lease expires and a sweep takes it over
      LOG.errorf(e, "run %s: this instance stops taking part", runId);
    } finally {
      runSlots.release();
      WorkLog.leave(WorkLog.RUN_ID, previous);
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
      RunPass pass =
          new RunPass(
              passes,
              judges.apply(plan.judge()),
              runId,
              plan,
              deadlineAt == null ? clock.instant().plus(plan.deadline()) : deadlineAt.toInstant());
      String failure = pass.run();
      if (failure != null) {
        store.fail(runId, failure, plan.totalResults(), clock.instant());
      } else if (!pass.runLeftRunning && chunks.allDone(runId, pass.chunksSeen)) {
        finish(runId, plan, pass.startNanos);
      }
    } finally {
      executing.remove(runId);
    }
  }

  /**
   * Aggregates the stored results, applies the thresholds and records the end in one conditional
   * update; only the instance whose update wins publishes the metrics.
   */
  private void finish(String runId, RunPlan plan, long startNanos) {
    Scenario scenario = plan.scenario();
    RunVerdict aggregate =
        new RunVerdict(scenario, plan.repeats(), settings.maxErrorShare(), settings.reviewBand());
    store.forEachSample(runId, result -> aggregate.add(SampleResults.of(result)));
    RunVerdict.Verdict verdict = aggregate.verdict(plan.totalResults(), plan.warnAsFail());
    Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
    if (!store.complete(runId, verdict, plan.totalResults(), wallTime, clock.instant())) {
      return; // another instance recorded the end first
    }
    for (MetricResult row : verdict.metrics()) {
      metrics.metric(
          scenario.name(), scenario.datasetId(), row.metric(), row.value(), row.outcome());
    }
    metrics.runFinished(scenario.name(), scenario.datasetId(), wallTime, verdict.outcome());
    LOG.infof(
        "run %s of %s finished: %s (%d samples, %d errors)",
        runId, scenario.name(), verdict.outcome(), verdict.results(), verdict.errors());
  }

  static Thread runThread(Runnable work) {
    Thread thread = new Thread(work, "benchmark-run");
    thread.setDaemon(true);
    return thread;
  }
}
