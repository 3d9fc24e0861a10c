package io.butlerbench.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.seeder.seeding.SeedingMetrics;
import io.butlerbench.seeder.seeding.SeedingPlan;
import io.butlerbench.seeder.seeding.SeedingService;
import io.butlerbench.seeder.seeding.SeedingSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 14 of issue 8: the embedded MongoDB killed with SIGKILL in the middle of a seeding, three
 * times at different points. Each time the server started again on the same file comes up, says it
 * checked the file, and agrees with itself: every stored id is found by {@code find}, and inserting
 * it again is a duplicate-key error (not "Document with key ... already existed"). The retried
 * seeding reaches the floor.
 */
class CrashRecoveryTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final SeedingPlan PLAN =
      new SeedingPlan(
          List.of("@crash_one_ru", "@crash_two_ru"),
          List.of("hw_crash_a", "hw_crash_b"),
          30,
          3000,
          42,
          "test");

  @TempDir Path data;

  static SeedingService seeder(MongoDatabase database) {
    return new SeedingService(
        database,
        new GeneratorSettings(0.2, "qwen-7b", "gpt-4o", "benchmark-2025-11-v1"),
        Clock.fixed(NOW, ZoneOffset.UTC),
        500,
        new SeedingMetrics(new SimpleMeterRegistry(), List::of));
  }

  @Test
  void killedMidSeedingTheServerComesBackConsistentAndARetriedSeedingReachesTheFloor()
      throws Exception {
    Path file = data.resolve("butler.mv");
    int port = ServerProcess.freePort();
    for (long killAfter : new long[] {300, 2500, 7000}) {
      try (ServerProcess server = ServerProcess.start("256m", port, file).awaitServing();
          MongoClient client = MongoClients.create(server.connectionString())) {
        MongoDatabase database = client.getDatabase("butler");
        CompletableFuture<SeedingSnapshot> seeding =
            CompletableFuture.supplyAsync(() -> seeder(database).seed(PLAN));
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> seeding.isDone() || stored(database) >= killAfter);
        server.kill();
        assertTrue(
            seeding.handle((done, failure) -> failure != null).get(),
            "the seeding did not fail with its server killed after " + killAfter + " documents");
      }
      try (ServerProcess restarted = ServerProcess.start("256m", port, file).awaitServing();
          MongoClient client = MongoClients.create(restarted.connectionString())) {
        assertConsistent(client.getDatabase("butler"));
        assertTrue(
            restarted.log().contains("was not closed cleanly"),
            "the server says what it found:\n" + restarted.log());
      }
    }

    try (ServerProcess server = ServerProcess.start("256m", port, file).awaitServing();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoDatabase database = client.getDatabase("butler");
      SeedingSnapshot retried = seeder(database).seed(PLAN);
      for (SeedingSnapshot.ChannelCoverage channel : retried.channels()) {
        assertEquals(3000, channel.dailyAfter(), channel.channel());
        assertEquals(5, channel.weeklyAfter(), channel.channel());
      }
      for (SeedingSnapshot.AssignmentCoverage assignment : retried.assignments()) {
        assertEquals(3000, assignment.after(), assignment.assignmentId());
      }
      assertEquals(2 * 3005, database.getCollection(CorpusFields.DIGESTS).countDocuments());
      assertEquals(2 * 3000, database.getCollection(CorpusFields.REVIEW_REPORTS).countDocuments());
      assertConsistent(database);
    }
  }

  static long stored(MongoDatabase database) {
    return database.getCollection(CorpusFields.DIGESTS).estimatedDocumentCount()
        + database.getCollection(CorpusFields.REVIEW_REPORTS).estimatedDocumentCount();
  }

  /** find and insert agree on every collection the seeding writes. */
  static void assertConsistent(MongoDatabase database) {
    for (String name : List.of(CorpusFields.DIGESTS, CorpusFields.REVIEW_REPORTS)) {
      MongoCollection<Document> collection = database.getCollection(name);
      List<Object> ids = new ArrayList<>();
      for (Document id : collection.find().projection(Projections.include("_id"))) {
        ids.add(id.get("_id"));
      }
      assertEquals(ids.size(), collection.countDocuments(), name + ": scan and count agree");
      for (int i = 0; i < ids.size(); i += 37) {
        Document found = collection.find(Filters.eq("_id", ids.get(i))).first();
        assertNotNull(found, name + ": " + ids.get(i) + " is stored but find does not return it");
        if (i % (37 * 20) == 0) {
          MongoWriteException again =
              assertThrows(MongoWriteException.class, () -> collection.insertOne(found));
          assertEquals(
              ErrorCategory.DUPLICATE_KEY,
              ErrorCategory.fromErrorCode(again.getCode()),
              name + ": inserting " + ids.get(i) + " again: " + again.getMessage());
        }
      }
    }
  }
}
