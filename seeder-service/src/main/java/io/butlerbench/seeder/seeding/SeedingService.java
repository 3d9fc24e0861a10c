package io.butlerbench.seeder.seeding;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.seeder.content.DigestGenerator;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.seeder.content.ReviewReportGenerator;
import io.butlerbench.seeder.corpus.Corpus;
import io.butlerbench.seeder.corpus.CorpusCollections;
import io.butlerbench.seeder.corpus.CorpusCoverage;
import io.butlerbench.seeder.seeding.SeedingSnapshot.Status;
import io.butlerbench.service.logging.WorkLog;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Tops up {@code digests} and {@code review_reports} to the coverage floor. Plain Java over the
 * MongoDB driver so that tests and the throughput benchmark reach it without Quarkus.
 *
 * <p>Idempotent without transactions: every document has a deterministic id (channel, day, window,
 * slot) and content (seed, id), ids are unique-indexed, and the planned ids are tried in a fixed
 * order. Two concurrent top-ups pick the same ids; the loser's duplicate-key errors are counted as
 * "already there", never as new documents.
 *
 * <p>A seeding first plans ({@link SlotPlanner}: reads only), then checks the plan against the
 * store's capacity ({@link StoreCapacity}), and only then writes ({@link BatchWriter}), telling its
 * {@link SeedingListener} after every batch; a failure half-way is a {@link SeedingFailedException}
 * that carries what was written.
 */
public class SeedingService {
  private static final Logger LOG = Logger.getLogger(SeedingService.class);

  private final CorpusCollections collections;
  private final CorpusCoverage coverage;
  private final SlotPlanner planner;
  private final StoreCapacity capacity;
  private final BatchWriter writer;
  private final DigestGenerator digestGenerator;
  private final ReviewReportGenerator reportGenerator;
  private final Clock clock;
  private final SeedingMetrics metrics;
  private int running;

  public SeedingService(
      MongoDatabase database,
      GeneratorSettings settings,
      Clock clock,
      int batchSize,
      SeedingMetrics metrics) {
    this(database, settings, clock, batchSize, Long.MAX_VALUE, metrics);
  }

  /**
   * @param maxStoredDocuments digests plus review reports the store may hold after a seeding
   *     ({@link Long#MAX_VALUE}: no limit)
   */
  public SeedingService(
      MongoDatabase database,
      GeneratorSettings settings,
      Clock clock,
      int batchSize,
      long maxStoredDocuments,
      SeedingMetrics metrics) {
    this(CorpusCollections.in(database), settings, clock, batchSize, maxStoredDocuments, metrics);
  }

  /**
   * @param maxStoredDocuments digests plus review reports the store may hold after a seeding
   *     ({@link Long#MAX_VALUE}: no limit)
   */
  public SeedingService(
      CorpusCollections collections,
      GeneratorSettings settings,
      Clock clock,
      int batchSize,
      long maxStoredDocuments,
      SeedingMetrics metrics) {
    this.collections = collections;
    this.coverage = new CorpusCoverage(collections);
    this.planner = new SlotPlanner(coverage);
    this.capacity = new StoreCapacity(collections, maxStoredDocuments);
    this.writer = new BatchWriter(batchSize);
    this.digestGenerator = new DigestGenerator(settings);
    this.reportGenerator = new ReviewReportGenerator(settings);
    this.clock = clock;
    this.metrics = metrics;
  }

  public SeedingSnapshot seed(SeedingPlan plan) {
    return seed(plan, SeedingListener.NONE);
  }

  /**
   * The service is stopping: every running seeding fails now, with what it wrote, instead of
   * holding the shutdown up until it is done (minutes for a large one) or until MongoDB answers an
   * insert it may never answer. Their batches in flight are abandoned, and no new batch starts.
   */
  public void stop() {
    writer.stop();
  }

  /** Waits until no seeding runs, at most {@code timeout}; returns whether none does. */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private synchronized void enter() {
    running++;
  }

  private synchronized void leave() {
    running--;
    notifyAll();
  }

  public SeedingSnapshot seed(SeedingPlan plan, SeedingListener listener) {
    enter();
    // every line logged for this seeding carries its id (MDC seeding_id)
    String seedingId = "seeding-" + UUID.randomUUID();
    Object previous = WorkLog.enter(WorkLog.SEEDING_ID, seedingId);
    try {
      return seedOnce(seedingId, plan, listener);
    } finally {
      WorkLog.leave(WorkLog.SEEDING_ID, previous);
      leave();
    }
  }

  private SeedingSnapshot seedOnce(String seedingId, SeedingPlan plan, SeedingListener listener) {
    if (writer.stopping()) {
      throw new IllegalStateException("the seeder is stopping");
    }
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    // every time: cheap when they exist, and a store that lost them (a fresh local stack after a
    // damaged file was moved aside) gets them back before the first insert
    collections.createIndexes();
    SeedingMetrics.DocumentCounters seeded = metrics.documentCounters();
    Instant windowStart = SlotPlanner.windowStart(plan, startedAt);
    List<TopUpTarget> targets = planner.plan(plan, startedAt);
    long planned = SeedingProgress.planned(targets);
    capacity.requireRoomFor(planned);

    SeedingProgress progress =
        new SeedingProgress(seedingId, plan, startedAt, startNanos, windowStart, targets);
    LOG.infof("seeding %s (%s): %d documents planned", seedingId, plan.trigger(), planned);
    listener.started(progress.snapshot(Status.RUNNING, null));
    BatchWriter.Session session = writer.open();
    try {
      for (TopUpTarget target : targets) {
        IntConsumer written =
            stored -> {
              target.inserted += stored;
              listener.progressed(progress.snapshot(Status.RUNNING, null));
            };
        IntConsumer failedBatch = size -> progress.uncertain = size;
        Counter counter = seeded.of(target.corpus.collection(), target.name);
        if (target.corpus == Corpus.DIGESTS) {
          write(
              session.batch(collections.digests(), counter, written, failedBatch),
              target,
              slot ->
                  digestGenerator.generate(
                      target.name, slot.day(), slot.hours(), slot.slot(), startedAt, plan.seed()));
        } else {
          write(
              session.batch(collections.reviewReports(), counter, written, failedBatch),
              target,
              slot ->
                  reportGenerator.generate(
                      target.name, slot.day(), slot.slot(), startedAt, plan.seed()));
        }
      }
      progress.uncertain = 0;
      // recounted rather than added up, so documents a concurrent top-up inserted are included
      Map<String, Long> digestsAfter =
          coverage.countInWindow(Corpus.DIGESTS, plan.channels(), windowStart, startedAt);
      Map<String, Long> reportsAfter =
          coverage.countInWindow(Corpus.REVIEW_REPORTS, plan.assignments(), windowStart, startedAt);
      SeedingSnapshot completed = progress.completed(digestsAfter, reportsAfter);
      metrics.seedingTook(Duration.ofMillis(completed.durationMillis()));
      LOG.infof(
          "seeding %s completed in %d ms: %d digests, %d review reports inserted",
          seedingId,
          completed.durationMillis(),
          completed.digestsInserted(),
          completed.reviewReportsInserted());
      listener.completed(completed);
      return completed;
    } catch (RuntimeException e) {
      SeedingSnapshot failed = progress.snapshot(Status.FAILED, SeedingFailedException.reason(e));
      boolean recorded = listener.failed(failed);
      throw new SeedingFailedException(failed, progress.uncertain, recorded, e);
    } finally {
      session.close();
    }
  }

  /** Generates the target's missing documents into the batch, then waits until all are stored. */
  private static <T> void write(
      BatchWriter.Batch<T> batch, TopUpTarget target, Function<Slot, T> generate) {
    for (Slot slot : target.missing) {
      batch.add(generate.apply(slot));
    }
    batch.flush();
  }
}
