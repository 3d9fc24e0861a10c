package io.butlerbench.seeder.seeding;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

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
    long digestsInserted = 0;
    for (String channel : plan.channels()) {
      Bson daily = digestFilter(channel, 24, windowStart, startedAt);
      Bson weekly = digestFilter(channel, 168, windowStart, startedAt);
      long dailyBefore = digests.countDocuments(daily);
      long weeklyBefore = digests.countDocuments(weekly);

      List<String> dailyIds = new ArrayList<>();
      List<LocalDate> dailyDays = new ArrayList<>();
      List<Integer> dailySlots = new ArrayList<>();
      for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
        for (int slot = 0; slot < plan.slotsPerDay(); slot++) {
          dailyIds.add(DigestGenerator.digestId(channel, day, 24, slot));
          dailyDays.add(day);
          dailySlots.add(slot);
        }
      }
      List<String> weeklyIds = new ArrayList<>();
      List<LocalDate> weeklyDays = new ArrayList<>();
      for (int week = 0; week < plan.weeklyPerChannel(); week++) {
        LocalDate day = today.minusDays(7L * week);
        weeklyIds.add(DigestGenerator.digestId(channel, day, 168, 0));
        weeklyDays.add(day);
      }

      Batch batch = new Batch(digests, channel);
      Set<String> existing = existingIds(digests, dailyIds, weeklyIds);
      long need = plan.minimumPerChannel() - dailyBefore;
      for (int i = 0; i < dailyIds.size() && need > 0; i++) {
        if (!existing.contains(dailyIds.get(i))) {
          batch.add(
              digestGenerator.generate(
                  channel, dailyDays.get(i), 24, dailySlots.get(i), startedAt, plan.seed()));
          need--;
        }
      }
      need = plan.weeklyPerChannel() - weeklyBefore;
      for (int i = 0; i < weeklyIds.size() && need > 0; i++) {
        if (!existing.contains(weeklyIds.get(i))) {
          batch.add(
              digestGenerator.generate(channel, weeklyDays.get(i), 168, 0, startedAt, plan.seed()));
          need--;
        }
      }
      long inserted = batch.flush();
      digestsInserted += inserted;
      channelCoverage.add(
          new ChannelCoverage(
              channel,
              dailyBefore,
              digests.countDocuments(daily),
              weeklyBefore,
              digests.countDocuments(weekly),
              inserted));
    }

    List<AssignmentCoverage> assignmentCoverage = new ArrayList<>();
    long reportsInserted = 0;
    for (String assignment : plan.assignments()) {
      Bson inWindow =
          Filters.and(
              Filters.eq("assignment_id", assignment),
              Filters.gte("created_at", Date.from(windowStart)),
              Filters.lte("created_at", Date.from(startedAt)));
      long before = reports.countDocuments(inWindow);
      List<String> ids = new ArrayList<>();
      List<LocalDate> days = new ArrayList<>();
      List<Integer> slots = new ArrayList<>();
      for (LocalDate day = today; !day.isBefore(firstDay); day = day.minusDays(1)) {
        for (int slot = 0; slot < plan.slotsPerDay(); slot++) {
          ids.add(ReviewReportGenerator.reportId(assignment, day, slot));
          days.add(day);
          slots.add(slot);
        }
      }
      Set<String> existing = existingIds(reports, ids, List.of());
      Batch batch = new Batch(reports, assignment);
      long need = plan.minimumPerChannel() - before;
      for (int i = 0; i < ids.size() && need > 0; i++) {
        if (!existing.contains(ids.get(i))) {
          batch.add(
              reportGenerator.generate(
                  assignment, days.get(i), slots.get(i), startedAt, plan.seed()));
          need--;
        }
      }
      long inserted = batch.flush();
      reportsInserted += inserted;
      assignmentCoverage.add(
          new AssignmentCoverage(assignment, before, reports.countDocuments(inWindow), inserted));
    }

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

  private static Bson digestFilter(String channel, int hours, Instant from, Instant to) {
    return Filters.and(
        Filters.eq("channel", channel),
        Filters.eq("time_range_hours", hours),
        Filters.gte("created_at", Date.from(from)),
        Filters.lte("created_at", Date.from(to)));
  }

  private static Set<String> existingIds(
      MongoCollection<Document> collection, List<String> ids, List<String> more) {
    List<String> all = new ArrayList<>(ids);
    all.addAll(more);
    Set<String> existing = new HashSet<>();
    // _id equals the business id by construction, and _id is the index every server has
    for (Document found :
        collection.find(Filters.in("_id", all)).projection(Projections.include("_id"))) {
      existing.add(found.getString("_id"));
    }
    return existing;
  }

  /**
   * Buffers documents and inserts them unordered; duplicates from a concurrent top-up are skipped.
   */
  private final class Batch {
    private final MongoCollection<Document> collection;
    private final Counter seeded;
    private final List<Document> pending = new ArrayList<>();
    private long inserted;

    Batch(MongoCollection<Document> collection, String channel) {
      this.collection = collection;
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
        insertPending();
      }
    }

    long flush() {
      insertPending();
      return inserted;
    }

    private void insertPending() {
      if (pending.isEmpty()) {
        return;
      }
      int attempted = pending.size();
      int duplicates = 0;
      try {
        collection.insertMany(pending, new InsertManyOptions().ordered(false));
      } catch (MongoBulkWriteException e) {
        for (BulkWriteError error : e.getWriteErrors()) {
          if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
          duplicates++;
        }
      }
      pending.clear();
      inserted += attempted - duplicates;
      seeded.increment(attempted - duplicates);
    }
  }
}
