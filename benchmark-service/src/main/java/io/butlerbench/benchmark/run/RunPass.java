package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.Sample;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.service.logging.WorkLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * One instance's work on one run: stream the dataset version, claim the chunks nobody holds, judge
 * their samples with at most {@code concurrency} in flight, store each result through a {@link
 * ResultWriter}, and release whatever claim is left when the pass ends.
 */
final class RunPass {
  private static final Logger LOG = Logger.getLogger(RunPass.class);
  private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
  private static final long WRITE_LINGER_NANOS = 20_000_000L;

  /** What every pass of one runner shares. */
  record Context(
      RunStore store,
      RunChunks chunks,
      DatasetSource datasets,
      SampleJudgement judging,
      Runner.Settings settings,
      Clock clock,
      String instance,
      Set<String> claimedChunks) {}

  /** Thrown into the dataset stream to stop this pass. */
  private static final class PassStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PassStopped(String reason) {
      super(reason, null, false, false);
    }
  }

  private final RunStore store;
  private final RunChunks chunks;
  private final DatasetSource datasets;
  private final SampleJudgement judging;
  private final Runner.Settings settings;
  private final Clock clock;
  private final String instance;
  private final Set<String> claimedChunks;
  private final String runId;
  private final RunPlan plan;
  private final Judge judge;
  final long startNanos = System.nanoTime();
  private final RunDeadline deadline;
  private final Semaphore inFlight;
  private final ExecutorService workers;
  private final AtomicReference<RuntimeException> storageFailure = new AtomicReference<>();
  private final Set<String> mine = ConcurrentHashMap.newKeySet();
  private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicLong unreportedErrors = new AtomicLong();
  private final Set<String> storedAtStart;
  private final ResultWriter results;
  private List<DatasetRecord> buffer = new ArrayList<>();
  int chunksSeen;
  boolean runLeftRunning;

  RunPass(Context context, Judge judge, String runId, RunPlan plan, Instant deadlineAt) {
    this.store = context.store();
    this.chunks = context.chunks();
    this.datasets = context.datasets();
    this.judging = context.judging();
    this.settings = context.settings();
    this.clock = context.clock();
    this.instance = context.instance();
    this.claimedChunks = context.claimedChunks();
    this.runId = runId;
    this.plan = plan;
    this.judge = judge;
    this.deadline =
        new RunDeadline(startNanos, Duration.between(clock.instant(), deadlineAt), plan.deadline());
    this.inFlight = new Semaphore(plan.concurrency());
    this.workers = Executors.newFixedThreadPool(plan.concurrency(), Runner::runThread);
    this.storedAtStart = store.finishedResults(runId);
    this.results =
        new ResultWriter(store, WRITE_LINGER_NANOS, e -> storageFailure.compareAndSet(null, e));
  }

  /** Null when the pass ended normally, else why the run fails. */
  String run() {
    String failure = null;
    // at the deadline the alarm interrupts this thread; the pass then reports the deadline, not
    // the interrupt or the broken stream read it caused
    deadline.arm();
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
        failure = deadline.rang() ? deadline.reason() : e.getMessage();
      }
    } catch (RuntimeException e) {
      if (deadline.rang()) {
        failure = deadline.reason();
      } else {
        LOG.errorf(e, "run %s failed", runId);
        failure = "infrastructure error: " + e.getMessage();
      }
    } finally {
      workers.shutdown();
    }
    try {
      if (!workers.awaitTermination(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(1, TimeUnit.MINUTES);
        failure = failure == null ? deadline.reason() : failure;
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      if (deadline.rang()) {
        failure = failure == null ? deadline.reason() : failure;
      } else {
        Thread.currentThread().interrupt();
        failure = "interrupted";
      }
    }
    deadline.disarm();
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
  private void chunk(int index, List<DatasetRecord> records) {
    if (deadline.passed()) {
      throw new PassStopped(deadline.reason());
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
          WorkLog.carrying(
              WorkLog.RUN_ID,
              () -> {
                try {
                  task.run();
                } finally {
                  inFlight.release();
                }
              }));
    }
  }

  private void judgeAndStore(Sample sample, int repeat, String chunkId, AtomicInteger outstanding) {
    Document result = judging.judge(runId, plan, judge, sample, repeat);
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
      if (!inFlight.tryAcquire(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
        throw new PassStopped(deadline.reason());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PassStopped("interrupted");
    }
  }

  /**
   * Adds this pass's newly stored results to the run's progress, at most once a second: one {@code
   * $inc} whatever the number of instances, and never more than what is stored (a crash loses at
   * most a second of increments; the run's end writes the exact count).
   */
  private void reportProgress(boolean error) {
    unreported.incrementAndGet();
    if (error) {
      unreportedErrors.incrementAndGet();
    }
    long seen = lastProgress.get();
    if (System.nanoTime() - seen > PROGRESS_EVERY_NANOS
        && lastProgress.compareAndSet(seen, System.nanoTime())) {
      store.addProgress(
          runId, unreported.getAndSet(0), unreportedErrors.getAndSet(0), elapsedSeconds());
    }
  }

  private double elapsedSeconds() {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }
}
