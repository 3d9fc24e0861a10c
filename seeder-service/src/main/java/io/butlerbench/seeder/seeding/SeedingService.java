package io.butlerbench.seeder.seeding;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.butlerbench.seeder.content.DigestGenerator;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.seeder.content.ReviewReportGenerator;
import io.butlerbench.seeder.seeding.SeedingSnapshot.AssignmentCoverage;
import io.butlerbench.seeder.seeding.SeedingSnapshot.ChannelCoverage;
import io.butlerbench.seeder.seeding.SeedingSnapshot.Status;
import io.butlerbench.service.logging.WorkLog;
import io.butlerbench.service.problem.InvalidRequestException;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.bson.Document;
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
 * <p>A seeding first plans (reads only: counts, stored ids), then checks the plan against the
 * store's capacity, and only then writes, telling its {@link SeedingListener} after every batch; a
 * failure half-way is a {@link SeedingFailedException} that carries what was written.
 */
public class SeedingService {
  private static final Logger LOG = Logger.getLogger(SeedingService.class);
  private static final String DAILY = "/24h";
  private static final String WEEKLY = "/168h";
  public static final String DIGESTS = "digests";
  public static final String REVIEW_REPORTS = "review_reports";

  private final MongoCollection<Document> digests;
  private final MongoCollection<Document> reports;
  private final DigestGenerator digestGenerator;
  private final ReviewReportGenerator reportGenerator;
  private final Clock clock;
  private final int batchSize;
  private final long maxStoredDocuments;
  private final SeedingMetrics metrics;
  private final Set<Future<Integer>> insertsInFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
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
    this.digests = database.getCollection(DIGESTS);
    this.reports = database.getCollection(REVIEW_REPORTS);
    this.digestGenerator = new DigestGenerator(settings);
    this.reportGenerator = new ReviewReportGenerator(settings);
    this.clock = clock;
    this.batchSize = batchSize;
    this.maxStoredDocuments = maxStoredDocuments;
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
    stopping = true;
    insertsInFlight.forEach(insert -> insert.cancel(true));
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
    if (stopping) {
      throw new IllegalStateException("the seeder is stopping");
    }
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    // every time: cheap when they exist, and a store that lost them (a fresh local stack after a
    // damaged file was moved aside) gets them back before the first insert
    ensureIndexes();
    SeedingMetrics.DocumentCounters seeded = metrics.documentCounters();
    LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    LocalDate firstDay = today.minusDays(plan.windowDays() - 1L);
    Instant windowStart = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();

    List<Target> targets = new ArrayList<>();
    Map<String, Long> digestsBefore =
        countInWindow(digests, "channel", plan.channels(), windowStart, startedAt);
    for (String channel : plan.channels()) {
      targets.add(planChannel(plan, channel, digestsBefore, today, firstDay));
    }
    Map<String, Long> reportsBefore =
        countInWindow(reports, "assignment_id", plan.assignments(), windowStart, startedAt);
    for (String assignment : plan.assignments()) {
      targets.add(planAssignment(plan, assignment, reportsBefore, today, firstDay));
    }
    long planned = targets.stream().mapToLong(t -> t.missing.size()).sum();
    requireRoomFor(planned);

    Progress progress = new Progress(seedingId, plan, startedAt, startNanos, windowStart, targets);
    LOG.infof("seeding %s (%s): %d documents planned", seedingId, plan.trigger(), planned);
    listener.started(progress.snapshot(Status.RUNNING, null));
    ExecutorService inserter = Executors.newSingleThreadExecutor(SeedingService::inserterThread);
    try {
      for (Target target : targets) {
        Batch batch =
            new Batch(
                target.digests ? digests : reports,
                seeded.of(target.digests ? DIGESTS : REVIEW_REPORTS, target.name),
                inserter,
                written -> {
                  target.inserted += written;
                  listener.progressed(progress.snapshot(Status.RUNNING, null));
                },
                size -> progress.uncertain = size);
        for (Slot slot : target.missing) {
          batch.add(
              target.digests
                  ? digestGenerator.generate(
                      target.name, slot.day(), slot.hours(), slot.slot(), startedAt, plan.seed())
                  : reportGenerator.generate(
                      target.name, slot.day(), slot.slot(), startedAt, plan.seed()));
        }
        batch.flush();
      }
      progress.uncertain = 0;
      // recounted rather than added up, so documents a concurrent top-up inserted are included
      Map<String, Long> digestsAfter =
          countInWindow(digests, "channel", plan.channels(), windowStart, startedAt);
      Map<String, Long> reportsAfter =
          countInWindow(reports, "assignment_id", plan.assignments(), windowStart, startedAt);
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
      inserter.shutdownNow();
    }
  }

  private Target planChannel(
      SeedingPlan plan,
      String channel,
      Map<String, Long> before,
      LocalDate today,
      LocalDate firstDay) {
    long dailyBefore = before.getOrDefault(channel + DAILY, 0L);
    long weeklyBefore = before.getOrDefault(channel + WEEKLY, 0L);
    List<Slot> daily = new ArrayList<>();
    for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
      for (int slot = 0; slot < plan.slotsPerDay(); slot++) {
        daily.add(new Slot(DigestGenerator.digestId(channel, day, 24, slot), day, 24, slot));
      }
    }
    List<Slot> weekly = new ArrayList<>();
    for (int week = 0; week < plan.weeklyPerChannel(); week++) {
      LocalDate day = today.minusDays(7L * week);
      weekly.add(new Slot(DigestGenerator.digestId(channel, day, 168, 0), day, 168, 0));
    }
    Set<String> existing = existingIds(digests, daily, weekly);
    List<Slot> missing =
        new ArrayList<>(missing(daily, existing, plan.minimumPerChannel() - dailyBefore));
    missing.addAll(missing(weekly, existing, plan.weeklyPerChannel() - weeklyBefore));
    return new Target(true, channel, dailyBefore, weeklyBefore, missing);
  }

  private Target planAssignment(
      SeedingPlan plan,
      String assignment,
      Map<String, Long> before,
      LocalDate today,
      LocalDate firstDay) {
    long reportsBefore = before.getOrDefault(assignment, 0L);
    List<Slot> slots = new ArrayList<>();
    for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
      for (int slot = 0; slot < plan.slotsPerDay(); slot++) {
        slots.add(new Slot(ReviewReportGenerator.reportId(assignment, day, slot), day, 24, slot));
      }
    }
    Set<String> existing = existingIds(reports, slots, List.of());
    return new Target(
        false,
        assignment,
        reportsBefore,
        0,
        missing(slots, existing, plan.minimumPerChannel() - reportsBefore));
  }

  /** The store's capacity, checked before the first write: a 400 naming the limit. */
  private void requireRoomFor(long planned) {
    if (planned == 0 || maxStoredDocuments == Long.MAX_VALUE) {
      return;
    }
    long stored = digests.estimatedDocumentCount() + reports.estimatedDocumentCount();
    if (stored + planned > maxStoredDocuments) {
      throw new InvalidRequestException(
          "minimum_per_channel",
          "capacity",
          String.format(
              "this seeding would add %d documents to the %d digests and review reports stored,"
                  + " over the %d the store holds (%s, set with the memory of the stack's"
                  + " MongoDB): lower minimum_per_channel or the number of channels and"
                  + " assignments, or start from fresh data",
              planned, stored, maxStoredDocuments, SeedingLimits.MAX_STORED_DOCUMENTS));
    }
  }

  /** One channel's digests or one assignment's review reports: what to insert and how it went. */
  private static final class Target {
    final boolean digests;
    final String name;
    final long before;
    final long weeklyBefore;
    final List<Slot> missing;
    long inserted;

    Target(boolean digests, String name, long before, long weeklyBefore, List<Slot> missing) {
      this.digests = digests;
      this.name = name;
      this.before = before;
      this.weeklyBefore = weeklyBefore;
      this.missing = missing;
    }
  }

  /** A seeding's counts as they stand, as snapshots. */
  private static final class Progress {
    final String seedingId;
    final SeedingPlan plan;
    final Instant startedAt;
    final long startNanos;
    final Instant windowStart;
    final List<Target> targets;
    final long planned;
    long uncertain;

    Progress(
        String seedingId,
        SeedingPlan plan,
        Instant startedAt,
        long startNanos,
        Instant windowStart,
        List<Target> targets) {
      this.seedingId = seedingId;
      this.plan = plan;
      this.startedAt = startedAt;
      this.startNanos = startNanos;
      this.windowStart = windowStart;
      this.targets = targets;
      this.planned = targets.stream().mapToLong(t -> t.missing.size()).sum();
    }

    SeedingSnapshot snapshot(Status status, String error) {
      return snapshot(status, error, null, null);
    }

    SeedingSnapshot completed(Map<String, Long> digestsAfter, Map<String, Long> reportsAfter) {
      return snapshot(Status.COMPLETED, null, digestsAfter, reportsAfter);
    }

    private SeedingSnapshot snapshot(
        Status status,
        String error,
        Map<String, Long> digestsAfter,
        Map<String, Long> reportsAfter) {
      long elapsedNanos = System.nanoTime() - startNanos;
      List<ChannelCoverage> channels = new ArrayList<>();
      List<AssignmentCoverage> assignments = new ArrayList<>();
      long digestsInserted = 0;
      long reportsInserted = 0;
      for (Target target : targets) {
        if (target.digests) {
          digestsInserted += target.inserted;
          channels.add(
              new ChannelCoverage(
                  target.name,
                  target.before,
                  digestsAfter == null ? null : digestsAfter.getOrDefault(target.name + DAILY, 0L),
                  target.weeklyBefore,
                  digestsAfter == null ? null : digestsAfter.getOrDefault(target.name + WEEKLY, 0L),
                  target.inserted));
        } else {
          reportsInserted += target.inserted;
          assignments.add(
              new AssignmentCoverage(
                  target.name,
                  target.before,
                  reportsAfter == null ? null : reportsAfter.getOrDefault(target.name, 0L),
                  target.inserted));
        }
      }
      return new SeedingSnapshot(
          seedingId,
          plan.trigger(),
          status,
          startedAt,
          status == Status.RUNNING ? null : startedAt.plusNanos(elapsedNanos),
          elapsedNanos / 1_000_000,
          plan.windowDays(),
          plan.minimumPerChannel(),
          plan.seed(),
          windowStart,
          startedAt,
          channels,
          assignments,
          planned,
          digestsInserted,
          reportsInserted,
          error);
    }
  }

  /** One planned document: its id and where it sits (day, window in hours, slot of the day). */
  private record Slot(String id, LocalDate day, int hours, int slot) {}

  /** The first {@code need} planned slots that are not stored yet, in plan order. */
  private static List<Slot> missing(List<Slot> planned, Set<String> existing, long need) {
    List<Slot> missing = new ArrayList<>();
    for (Slot slot : planned) {
      if (missing.size() >= need) {
        break;
      }
      if (!existing.contains(slot.id())) {
        missing.add(slot);
      }
    }
    return missing;
  }

  /**
   * Documents in the window per {@code field} value, in one aggregation instead of a count per
   * value. Channel keys get the window suffix ({@link #DAILY}, {@link #WEEKLY}); assignment keys
   * are the bare id.
   */
  private static Map<String, Long> countInWindow(
      MongoCollection<Document> collection,
      String field,
      List<String> values,
      Instant from,
      Instant to) {
    boolean digestWindows = field.equals("channel");
    Document groupKey = new Document("key", "$" + field);
    if (digestWindows) {
      groupKey.append("hours", "$time_range_hours");
    }
    Map<String, Long> counts = new HashMap<>();
    for (Document group :
        collection.aggregate(
            List.of(
                Aggregates.match(
                    Filters.and(
                        Filters.in(field, values),
                        Filters.gte("created_at", Date.from(from)),
                        Filters.lte("created_at", Date.from(to)))),
                Aggregates.group(groupKey, Accumulators.sum("count", 1))))) {
      Document key = group.get("_id", Document.class);
      String name = key.getString("key");
      if (digestWindows) {
        name += ((Number) key.get("hours")).intValue() == 24 ? DAILY : WEEKLY;
      }
      counts.put(name, ((Number) group.get("count")).longValue());
    }
    return counts;
  }

  /** Created lazily, so that the service starts (and reports not ready) while MongoDB is down. */
  private void ensureIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    digests.createIndex(Indexes.ascending("digest_id"), unique);
    digests.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("channel", "time_range_hours"), Indexes.descending("created_at")));
    reports.createIndex(Indexes.ascending("report_id"), unique);
    reports.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("assignment_id"), Indexes.descending("created_at")));
  }

  private static Set<String> existingIds(
      MongoCollection<Document> collection, List<Slot> planned, List<Slot> morePlanned) {
    List<String> ids = new ArrayList<>(planned.size() + morePlanned.size());
    planned.forEach(slot -> ids.add(slot.id()));
    morePlanned.forEach(slot -> ids.add(slot.id()));
    Set<String> existing = new HashSet<>();
    // _id equals the business id by construction, and _id is the index every server has
    for (Document found :
        collection.find(Filters.in("_id", ids)).projection(Projections.include("_id"))) {
      existing.add(found.getString("_id"));
    }
    return existing;
  }

  private static Thread inserterThread(Runnable work) {
    Thread thread = new Thread(work, "seeding-inserter");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Buffers documents and inserts them unordered on the inserter thread, one batch in flight, so
   * the next batch is generated while the last one is written. Duplicates from a concurrent top-up
   * are skipped, not counted.
   */
  private final class Batch {
    private final MongoCollection<Document> collection;
    private final Counter seeded;
    private final ExecutorService inserter;
    private final IntConsumer written;
    private final IntConsumer failedBatch;
    private List<Document> pending = new ArrayList<>();
    private Future<Integer> inFlight;
    private int inFlightSize;

    /**
     * @param seeded counts the documents of a batch that were new
     * @param written told how many documents of a batch were new, once the batch is stored
     * @param failedBatch told the size of a batch whose insert failed (some of it may be stored)
     */
    Batch(
        MongoCollection<Document> collection,
        Counter seeded,
        ExecutorService inserter,
        IntConsumer written,
        IntConsumer failedBatch) {
      this.collection = collection;
      this.inserter = inserter;
      this.written = written;
      this.failedBatch = failedBatch;
      this.seeded = seeded;
    }

    void add(Document document) {
      pending.add(document);
      if (pending.size() >= batchSize) {
        submitPending();
      }
    }

    /** Waits until everything is written. */
    void flush() {
      submitPending();
      awaitInFlight();
    }

    private void submitPending() {
      if (pending.isEmpty()) {
        return;
      }
      awaitInFlight();
      if (stopping) {
        throw new IllegalStateException("the seeder is stopping");
      }
      List<Document> documents = pending;
      pending = new ArrayList<>(batchSize);
      inFlightSize = documents.size();
      inFlight = inserter.submit(() -> insertSkippingDuplicates(collection, documents));
      insertsInFlight.add(inFlight);
      if (stopping) {
        inFlight.cancel(true);
      }
    }

    private void awaitInFlight() {
      if (inFlight == null) {
        return;
      }
      int stored;
      try {
        stored = inFlight.get();
      } catch (CancellationException e) {
        failedBatch.accept(inFlightSize);
        throw new IllegalStateException(
            "the seeder is stopping; the batch being written was abandoned", e);
      } catch (ExecutionException e) {
        failedBatch.accept(inFlightSize);
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("insert failed", e.getCause());
      } catch (InterruptedException e) {
        failedBatch.accept(inFlightSize);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while inserting", e);
      } finally {
        insertsInFlight.remove(inFlight);
        inFlight = null;
      }
      seeded.increment(stored);
      written.accept(stored);
    }
  }

  private static int insertSkippingDuplicates(
      MongoCollection<Document> collection, List<Document> documents) {
    int duplicates = 0;
    try {
      collection.insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        duplicates++;
      }
    }
    return documents.size() - duplicates;
  }
}
