package io.butlerbench.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.seeder.seeding.SeedingPlan;
import io.butlerbench.seeder.seeding.SeedingSnapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 13 of issue 8: a seeding's counts are aggregations, and the stock server copied the whole
 * collection into memory for each one; with more digests than its heap holds it died half-way
 * through the seeding. Here the collection holds about one and a half times the server's heap in
 * documents.
 */
class AggregationMemoryTest {
  @TempDir Path data;

  @Test
  void aSeedingAndCountsOverACollectionLargerThanTheServersHeapComplete() throws Exception {
    int port = ServerProcess.freePort();
    try (ServerProcess server =
            ServerProcess.start("128m", port, data.resolve("butler.mv")).awaitServing();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoDatabase database = client.getDatabase("butler");
      SeedingSnapshot seeded;
      try {
        seeded =
            CrashRecoveryTest.seeder(database)
                .seed(new SeedingPlan(List.of("@heap_test_ru"), List.of(), 30, 15_000, 42, "test"));
      } catch (RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\nserver log:\n" + server.log(), e);
      }
      assertEquals(15_000, seeded.channels().get(0).dailyAfter());
      assertEquals(15_005, database.getCollection(CorpusFields.DIGESTS).countDocuments());
      assertTrue(server.process().isAlive(), server.log());
    }
  }
}
