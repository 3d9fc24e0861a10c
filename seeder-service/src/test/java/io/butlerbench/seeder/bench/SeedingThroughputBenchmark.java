package io.butlerbench.seeder.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.butlerbench.seeder.content.DigestGenerator;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.seeder.corpus.AsStored;
import io.butlerbench.seeder.seeding.SeedingMetrics;
import io.butlerbench.seeder.seeding.SeedingPlan;
import io.butlerbench.seeder.seeding.SeedingService;
import io.butlerbench.seeder.seeding.SeedingSnapshot;
import io.butlerbench.testing.InProcessMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;

/**
 * Seeding throughput against the raw driver's bulk insert of the same documents on the same
 * in-process server, alternating rounds in one JVM. Run with {@code
 * docs/bench/seeding-throughput.sh}.
 *
 * <p>The baseline is given the documents ready-made, as plain BSON documents with the content the
 * seeder stores, so it measures pure {@code insertMany}; the seeder pays for everything it does in
 * production: planning, the existing-id and coverage queries, generating Russian content, encoding
 * the typed records and inserting.
 */
public final class SeedingThroughputBenchmark {
  private static final int CHANNELS = 10;
  private static final int PER_CHANNEL = 10_000;
  private static final int WINDOW_DAYS = 365;
  private static final int BATCH = 1000;
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final GeneratorSettings SETTINGS =
      new GeneratorSettings(0.2, "qwen-7b", "gpt-4o", "benchmark-2025-11-v1");

  private SeedingThroughputBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < CHANNELS; i++) {
      channels.add(String.format("@bench_channel_%02d", i));
    }
    SeedingPlan plan = new SeedingPlan(channels, List.of(), WINDOW_DAYS, PER_CHANNEL, 42, "bench");
    long generationStart = System.nanoTime();
    List<Document> documents = sameDocumentsAsTheSeeder(plan);
    double generationSeconds = (System.nanoTime() - generationStart) / 1e9;
    System.out.printf(
        "documents per round: %d digests (%d channels x %d daily + weekly); generating them alone:"
            + " %.0f docs/s (cold)%n",
        documents.size(), CHANNELS, PER_CHANNEL, documents.size() / generationSeconds);

    // warm-up: one smaller round of each, not reported
    rawInsert(documents.subList(0, 20_000));
    seed(new SeedingPlan(channels.subList(0, 2), List.of(), WINDOW_DAYS, PER_CHANNEL, 42, "w"));

    double[] raw = new double[rounds];
    double[] seeder = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      raw[round] = rawInsert(documents);
      seeder[round] = seed(plan);
      System.out.printf(
          "round %d: raw driver %.0f docs/s, seeder %.0f docs/s, ratio %.2f%n",
          round + 1, raw[round], seeder[round], seeder[round] / raw[round]);
    }
    double rawMedian = median(raw);
    double seederMedian = median(seeder);
    System.out.printf(
        "median: raw driver %.0f docs/s, seeder %.0f docs/s, ratio %.2f (goal >= 0.80)%n",
        rawMedian, seederMedian, seederMedian / rawMedian);
  }

  private static List<Document> sameDocumentsAsTheSeeder(SeedingPlan plan) {
    DigestGenerator generator = new DigestGenerator(SETTINGS);
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    List<Document> documents = new ArrayList<>();
    for (String channel : plan.channels()) {
      int daily = 0;
      for (LocalDate day = today; daily < plan.minimumPerChannel(); day = day.minusDays(1)) {
        for (int slot = 0; slot < plan.slotsPerDay() && daily < plan.minimumPerChannel(); slot++) {
          documents.add(
              AsStored.document(generator.generate(channel, day, 24, slot, NOW, plan.seed())));
          daily++;
        }
      }
      for (int week = 0; week < plan.weeklyPerChannel(); week++) {
        documents.add(
            AsStored.document(
                generator.generate(channel, today.minusDays(7L * week), 168, 0, NOW, plan.seed())));
      }
    }
    return documents;
  }

  /** Each measurement gets a fresh server, so no round pays for the memory of the last. */
  private static double rawInsert(List<Document> documents) {
    System.gc();
    try (InProcessMongo mongo = InProcessMongo.start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> digests = client.getDatabase("butler").getCollection("digests");
      // the collection as the service keeps it: the unique digest_id index is part of the schema
      digests.createIndex(Indexes.ascending("digest_id"), new IndexOptions().unique(true));
      long start = System.nanoTime();
      for (int from = 0; from < documents.size(); from += BATCH) {
        digests.insertMany(
            documents.subList(from, Math.min(documents.size(), from + BATCH)),
            new InsertManyOptions().ordered(false));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return digests.countDocuments() / seconds;
    }
  }

  private static double seed(SeedingPlan plan) {
    System.gc();
    try (InProcessMongo mongo = InProcessMongo.start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("butler");
      SeedingService service =
          new SeedingService(
              db,
              SETTINGS,
              Clock.fixed(NOW, ZoneOffset.UTC),
              BATCH,
              new SeedingMetrics(new SimpleMeterRegistry(), plan::channels));
      long start = System.nanoTime();
      SeedingSnapshot snapshot = service.seed(plan);
      double seconds = (System.nanoTime() - start) / 1e9;
      return snapshot.digestsInserted() / seconds;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
