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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * Tops up {@code digests} and {@code review_reports} to the coverage floor. Plain Java over the
 * MongoDB driver so that tests and the throughput benchmark reach it without Quarkus.
 *
 * <p>Idempotent without transactions: every document has a deterministic id (channel, day, window,
 * slot) and content (seed, id), ids are unique-indexed, and the planned ids are tried in a fixed
 * order. Two concurrent top-ups pick the same ids; the loser's duplicate-key errors are counted as
 * "already there", never as new documents.
 */
public class SeedingService {
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
  private final MeterRegistry meters;
  private final Timer duration;
  private volatile boolean indexesReady;

  public SeedingService(
      MongoDatabase database,
      GeneratorSettings settings,
      Clock clock,
      int batchSize,
      MeterRegistry meters) {
    this.digests = database.getCollection(DIGESTS);
    this.reports = database.getCollection(REVIEW_REPORTS);
    this.digestGenerator = new DigestGenerator(settings);
    this.reportGenerator = new ReviewReportGenerator(settings);
    this.clock = clock;
    this.batchSize = batchSize;
    this.meters = meters;
    this.duration =
        Timer.builder("seeder.seeding.duration")
            .description("Wall time of one seeding top-up")
            .publishPercentileHistogram()
            .register(meters);
  }

  public SeedingSnapshot seed(SeedingPlan plan) {
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    ensureIndexes();
    LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    LocalDate firstDay = today.minusDays(plan.windowDays() - 1L);
    Instant windowStart = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();

    List<ChannelCoverage> channelCoverage = new ArrayList<>();
    List<AssignmentCoverage> assignmentCoverage = new ArrayList<>();
    long digestsInserted = 0;
    long reportsInserted = 0;
    ExecutorService inserter = Executors.newSingleThreadExecutor(SeedingService::inserterThread);
    try {
      Map<String, Long> digestsBefore =
          countInWindow(digests, "channel", plan.channels(), windowStart, startedAt);
      for (String channel : plan.channels()) {
        long dailyBefore = digestsBefore.getOrDefault(channel + DAILY, 0L);
        long weeklyBefore = digestsBefore.getOrDefault(channel + WEEKLY, 0L);
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
        Batch batch = new Batch(digests, channel, inserter);
        for (Slot slot : missing(daily, existing, plan.minimumPerChannel() - dailyBefore)) {
          batch.add(
              digestGenerator.generate(
                  channel, slot.day(), slot.hours(), slot.slot(), startedAt, plan.seed()));
        }
        for (Slot slot : missing(weekly, existing, plan.weeklyPerChannel() - weeklyBefore)) {
          batch.add(
              digestGenerator.generate(
                  channel, slot.day(), slot.hours(), slot.slot(), startedAt, plan.seed()));
        }
        long inserted = batch.flush();
        digestsInserted += inserted;
        channelCoverage.add(
            new ChannelCoverage(channel, dailyBefore, 0, weeklyBefore, 0, inserted));
      }

      Map<String, Long> reportsBefore =
          countInWindow(reports, "assignment_id", plan.assignments(), windowStart, startedAt);
      for (String assignment : plan.assignments()) {
        long before = reportsBefore.getOrDefault(assignment, 0L);
        List<Slot> slots = new ArrayList<>();
        for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
          for (int slot = 0; slot < plan.slotsPerDay(); slot++) {
            slots.add(
                new Slot(ReviewReportGenerator.reportId(assignment, day, slot), day, 24, slot));
          }
        }
        Set<String> existing = existingIds(reports, slots, List.of());
        Batch batch = new Batch(reports, assignment, inserter);
        for (Slot slot : missing(slots, existing, plan.minimumPerChannel() - before)) {
          batch.add(
              reportGenerator.generate(
                  assignment, slot.day(), slot.slot(), startedAt, plan.seed()));
        }
        long inserted = batch.flush();
        reportsInserted += inserted;
        assignmentCoverage.add(new AssignmentCoverage(assignment, before, 0, inserted));
      }
    } finally {
      inserter.shutdownNow();
    }

    // recounted rather than added up, so documents a concurrent top-up inserted are included
    Map<String, Long> digestsAfter =
        countInWindow(digests, "channel", plan.channels(), windowStart, startedAt);
    Map<String, Long> reportsAfter =
        countInWindow(reports, "assignment_id", plan.assignments(), windowStart, startedAt);
    channelCoverage.replaceAll(
        c ->
            new ChannelCoverage(
                c.channel(),
                c.dailyBefore(),
                digestsAfter.getOrDefault(c.channel() + DAILY, 0L),
                c.weeklyBefore(),
                digestsAfter.getOrDefault(c.channel() + WEEKLY, 0L),
                c.inserted()));
    assignmentCoverage.replaceAll(
        a ->
            new AssignmentCoverage(
                a.assignmentId(),
                a.before(),
                reportsAfter.getOrDefault(a.assignmentId(), 0L),
                a.inserted()));

    long elapsedNanos = System.nanoTime() - startNanos;
    duration.record(Duration.ofNanos(elapsedNanos));
    return new SeedingSnapshot(
        "seeding-" + UUID.randomUUID(),
        plan.trigger(),
        startedAt,
        startedAt.plusNanos(elapsedNanos),
        elapsedNanos / 1_000_000,
        plan.windowDays(),
        plan.minimumPerChannel(),
        plan.seed(),
        windowStart,
        startedAt,
        channelCoverage,
        assignmentCoverage,
        digestsInserted,
        reportsInserted);
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
    if (indexesReady) {
      return;
    }
    IndexOptions unique = new IndexOptions().unique(true);
    digests.createIndex(Indexes.ascending("digest_id"), unique);
    digests.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("channel", "time_range_hours"), Indexes.descending("created_at")));
    reports.createIndex(Indexes.ascending("report_id"), unique);
    reports.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("assignment_id"), Indexes.descending("created_at")));
    indexesReady = true;
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
    private List<Document> pending = new ArrayList<>();
    private Future<Integer> inFlight;
    private long inserted;

    Batch(MongoCollection<Document> collection, String channel, ExecutorService inserter) {
      this.collection = collection;
      this.inserter = inserter;
      this.seeded =
          Counter.builder("seeder.documents.seeded")
              .description(
                  "Documents inserted by seeding, per collection and channel (or assignment)")
              .tag("collection", collection.getNamespace().getCollectionName())
              .tag("channel", channel)
              .register(meters);
    }

    void add(Document document) {
      pending.add(document);
      if (pending.size() >= batchSize) {
        submitPending();
      }
    }

    /** Waits until everything is written; returns how many documents were new. */
    long flush() {
      submitPending();
      awaitInFlight();
      return inserted;
    }

    private void submitPending() {
      if (pending.isEmpty()) {
        return;
      }
      awaitInFlight();
      List<Document> documents = pending;
      pending = new ArrayList<>(batchSize);
      inFlight = inserter.submit(() -> insertSkippingDuplicates(collection, documents));
    }

    private void awaitInFlight() {
      if (inFlight == null) {
        return;
      }
      try {
        int written = inFlight.get();
        inserted += written;
        seeded.increment(written);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("insert failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while inserting", e);
      } finally {
        inFlight = null;
      }
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
