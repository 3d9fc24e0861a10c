package io.butlerbench.seeder.seeding;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.testing.MongoServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The top-up against a real MongoDB wire-protocol server through the real driver. */
class SeedingServiceTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final List<String> CHANNELS = List.of("@tech_ru", "@ml_digest_ru", "@devops_news_ru");
  static final List<String> ASSIGNMENTS = List.of("hw01_linked_list", "hw02_rest_api");
  static final GeneratorSettings SETTINGS =
      new GeneratorSettings(0.2, "qwen-7b", "gpt-4o", "benchmark-2025-11-v1");

  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();

  MongoDatabase database;
  SimpleMeterRegistry meters;

  /** The channels and assignments registered, as the registry and configuration would list them. */
  Set<String> registered;

  @BeforeEach
  void freshDatabase() {
    database = MONGO.freshDatabase();
    meters = new SimpleMeterRegistry();
    registered = new HashSet<>(CHANNELS);
    registered.addAll(ASSIGNMENTS);
  }

  SeedingService service(Instant now) {
    return new SeedingService(
        database,
        SETTINGS,
        Clock.fixed(now, ZoneOffset.UTC),
        100,
        new SeedingMetrics(meters, () -> registered));
  }

  static SeedingPlan plan(int days, int minimum, long seed) {
    return new SeedingPlan(CHANNELS, ASSIGNMENTS, days, minimum, seed, "test");
  }

  long count(String collection, org.bson.conversions.Bson filter) {
    return database.getCollection(collection).countDocuments(filter);
  }

  @Test
  void everyChannelAndAssignmentReachesTheFloorOver24hAnd168hWindows() {
    SeedingSnapshot snapshot = service(NOW).seed(plan(30, 30, 42));

    Instant windowStart = Instant.parse("2026-10-30T00:00:00Z");
    assertEquals(windowStart, snapshot.windowStart());
    for (String channel : CHANNELS) {
      long daily =
          count(
              CorpusFields.DIGESTS,
              Filters.and(
                  Filters.eq("channel", channel),
                  Filters.eq("time_range_hours", 24),
                  Filters.gte("created_at", Date.from(windowStart)),
                  Filters.lte("created_at", Date.from(NOW))));
      long weekly =
          count(
              CorpusFields.DIGESTS,
              Filters.and(
                  Filters.eq("channel", channel),
                  Filters.eq("time_range_hours", 168),
                  Filters.gte("created_at", Date.from(windowStart))));
      assertTrue(daily >= 30, channel + " has " + daily + " daily digests");
      assertEquals(5, weekly, channel + " has a weekly digest for every started week");
      // one daily digest for each of the latest 30 calendar days: both windows are covered
      for (int day = 0; day < 30; day++) {
        Instant dayStart = windowStart.plus(Duration.ofDays(day));
        assertTrue(
            count(
                    CorpusFields.DIGESTS,
                    Filters.and(
                        Filters.eq("channel", channel),
                        Filters.eq("time_range_hours", 24),
                        Filters.gte("created_at", Date.from(dayStart)),
                        Filters.lt("created_at", Date.from(dayStart.plus(Duration.ofDays(1))))))
                >= 1,
            channel + " has a digest on day " + day);
      }
    }
    for (String assignment : ASSIGNMENTS) {
      assertTrue(count(CorpusFields.REVIEW_REPORTS, Filters.eq("assignment_id", assignment)) >= 30);
    }
    for (SeedingSnapshot.ChannelCoverage coverage : snapshot.channels()) {
      assertEquals(0, coverage.dailyBefore());
      assertEquals(30, coverage.dailyAfter());
      assertEquals(5, coverage.weeklyAfter());
      assertEquals(35, coverage.inserted());
    }
    assertEquals(3 * 35, snapshot.digestsInserted());
    assertEquals(2 * 30, snapshot.reviewReportsInserted());
  }

  @Test
  void aMinimumAboveTheDaysPutsSeveralDigestsOnADay() {
    SeedingSnapshot snapshot = service(NOW).seed(plan(7, 20, 42));
    for (SeedingSnapshot.ChannelCoverage coverage : snapshot.channels()) {
      assertEquals(20, coverage.dailyAfter());
      assertEquals(1, coverage.weeklyAfter());
    }
  }

  @Test
  void aSecondIdenticalRequestInsertsNothing() {
    service(NOW).seed(plan(30, 30, 42));
    long digests = count(CorpusFields.DIGESTS, new Document());
    SeedingSnapshot second = service(NOW.plusSeconds(5)).seed(plan(30, 30, 42));
    assertEquals(0, second.digestsInserted());
    assertEquals(0, second.reviewReportsInserted());
    assertEquals(digests, count(CorpusFields.DIGESTS, new Document()));
    second.channels().forEach(c -> assertEquals(c.dailyBefore(), c.dailyAfter()));
  }

  @Test
  void topUpInsertsOnlyWhatIsMissing() {
    service(NOW).seed(plan(30, 30, 42));
    database
        .getCollection(CorpusFields.DIGESTS)
        .deleteMany(Filters.in("digest_id", "@tech_ru-20261127-24h-0", "@tech_ru-20261101-24h-0"));
    SeedingSnapshot topUp = service(NOW).seed(plan(30, 30, 42));
    assertEquals(2, topUp.digestsInserted());
    SeedingSnapshot.ChannelCoverage tech = topUp.channels().get(0);
    assertEquals(28, tech.dailyBefore());
    assertEquals(30, tech.dailyAfter());
  }

  @Test
  void concurrentRequestsNeverCreateDuplicates() throws Exception {
    int parallel = 6;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    List<Callable<SeedingSnapshot>> tasks = new ArrayList<>();
    for (int i = 0; i < parallel; i++) {
      tasks.add(() -> service(NOW).seed(plan(30, 30, 42)));
    }
    long insertedByAll = 0;
    try {
      for (Future<SeedingSnapshot> result : pool.invokeAll(tasks)) {
        insertedByAll += result.get().digestsInserted();
      }
    } finally {
      pool.shutdown();
    }
    long stored = count(CorpusFields.DIGESTS, new Document());
    assertEquals(3 * 35, stored, "exactly one floor's worth of digests");
    assertEquals(
        stored, insertedByAll, "inserts reported across requests add up to what is stored");
    HashSet<String> ids = new HashSet<>();
    for (Document digest : database.getCollection(CorpusFields.DIGESTS).find()) {
      assertTrue(
          ids.add(digest.getString("digest_id")), "duplicate " + digest.getString("digest_id"));
    }
    assertEquals(2 * 30, count(CorpusFields.REVIEW_REPORTS, new Document()));
  }

  @Test
  void sameSeedAndClockGiveByteIdenticalDocumentsInAnyDatabase() {
    service(NOW).seed(plan(10, 12, 42));
    List<byte[]> first = dump(database);
    MongoDatabase firstDatabase = database;
    freshDatabase();
    service(NOW).seed(plan(10, 12, 42));
    List<byte[]> second = dump(database);
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) {
      assertTrue(
          java.util.Arrays.equals(first.get(i), second.get(i)), "document " + i + " differs");
    }
    freshDatabase();
    service(NOW).seed(plan(10, 12, 43));
    List<byte[]> otherSeed = dump(database);
    assertTrue(
        !java.util.Arrays.equals(first.get(0), otherSeed.get(0)),
        "another seed gives other content");
    firstDatabase.drop();
  }

  @Test
  void metricsCountSeededDocumentsPerCollectionAndChannel() {
    service(NOW).seed(plan(30, 30, 42));
    assertEquals(
        35.0,
        meters
            .get("seeder.documents.seeded")
            .tag("collection", "digests")
            .tag("channel", "@tech_ru")
            .counter()
            .count());
    assertEquals(
        30.0,
        meters
            .get("seeder.documents.seeded")
            .tag("collection", "review_reports")
            .tag("channel", "hw02_rest_api")
            .counter()
            .count());
    assertEquals(1, meters.get("seeder.seeding.duration").timer().count());
  }

  @Test
  void aNameOutsideTheRegistryIsCountedAsUnregisteredUntilItIsRegistered() {
    SeedingPlan unknown = new SeedingPlan(List.of("@late_ru"), List.of("hw_late"), 7, 7, 42, "t");
    service(NOW).seed(unknown);
    assertEquals(
        8.0,
        meters
            .get("seeder.documents.seeded")
            .tag("collection", "digests")
            .tag("channel", SeedingMetrics.UNREGISTERED)
            .counter()
            .count());
    assertEquals(
        7.0,
        meters
            .get("seeder.documents.seeded")
            .tag("collection", "review_reports")
            .tag("channel", SeedingMetrics.UNREGISTERED)
            .counter()
            .count());
    assertTrue(
        meters.find("seeder.documents.seeded").tag("channel", "@late_ru").meters().isEmpty());

    // registered now: the next seeding reads the registry again and gives it a series of its own
    registered.add("@late_ru");
    service(NOW).seed(new SeedingPlan(List.of("@late_ru"), List.of(), 14, 14, 42, "t"));
    assertEquals(
        8.0, meters.get("seeder.documents.seeded").tag("channel", "@late_ru").counter().count());
  }

  @Test
  void stoppingTheServiceEndsARunningSeedingAtOnceWithWhatItWrote() throws Exception {
    SeedingService service = service(NOW);
    CompletableFuture<SeedingSnapshot> running =
        CompletableFuture.supplyAsync(
            () -> service.seed(new SeedingPlan(List.of("@stop_ru"), List.of(), 30, 8000, 42, "t")));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count(CorpusFields.DIGESTS, Filters.eq("channel", "@stop_ru")) >= 300);
    service.stop();
    ExecutionException stopped =
        assertThrows(ExecutionException.class, () -> running.get(5, TimeUnit.SECONDS));
    SeedingFailedException failed =
        assertInstanceOf(SeedingFailedException.class, stopped.getCause());
    assertEquals(SeedingSnapshot.Status.FAILED, failed.snapshot().status());
    assertTrue(failed.snapshot().digestsInserted() >= 300, failed.getMessage());
    assertTrue(failed.snapshot().error().contains("stopping"), failed.snapshot().error());
    assertTrue(
        count(CorpusFields.DIGESTS, Filters.eq("channel", "@stop_ru")) < 8005,
        "it did not run to the end");
  }

  private static List<byte[]> dump(MongoDatabase database) {
    List<byte[]> documents = new ArrayList<>();
    for (String collection : List.of(CorpusFields.DIGESTS, CorpusFields.REVIEW_REPORTS)) {
      for (Document document :
          database.getCollection(collection).find().sort(Sorts.ascending("_id"))) {
        RawBsonDocument raw = new RawBsonDocument(document, new DocumentCodec());
        byte[] bytes = new byte[raw.getByteBuffer().remaining()];
        raw.getByteBuffer().get(bytes);
        documents.add(bytes);
      }
    }
    return documents;
  }
}
