package io.butlerbench.exporter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.butlerbench.exporter.Fixtures;
import io.butlerbench.exporter.dataset.FileSystemDatasetStore;
import io.butlerbench.exporter.export.ExportPlan;
import io.butlerbench.exporter.export.ExportRequest;
import io.butlerbench.exporter.export.Exporter;
import io.butlerbench.exporter.schema.RecordSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;

/**
 * Export throughput against a raw driver read plus a gzip JSON-lines write of the same documents,
 * and the exporter's peak heap. Run with {@code docs/bench/export-throughput.sh}; MongoDB is a
 * separate process so the heap figure is the exporter's own.
 *
 * <p>Modes: {@code load <url> <count>}, {@code compare <url> <rounds>}, {@code heap <url>}.
 */
public final class ExportThroughputBenchmark {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** Wide enough for every loaded document. */
  private static final int WINDOW_HOURS = 24 * 366;

  private ExportThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (MongoClient client = MongoClients.create(args[1])) {
      MongoDatabase database = client.getDatabase("butler_bench");
      switch (args[0]) {
        case "load" -> load(database, Integer.parseInt(args[2]));
        case "compare" -> compare(database, Integer.parseInt(args[2]));
        case "heap" -> heap(database);
        default -> throw new IllegalArgumentException("mode: load, compare or heap");
      }
    }
  }

  /** Realistic digests: 5 posts of about 60 words each, one every 2 minutes back from now. */
  private static void load(MongoDatabase database, int count) {
    MongoCollection<Document> digests = database.getCollection("digests");
    if (digests.countDocuments() == count) {
      System.out.printf("%d digests already loaded%n", count);
      return;
    }
    digests.drop();
    Instant now = Instant.now();
    List<Document> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(
          Fixtures.digest(
              String.format("@bench_%02d-%07d", i % 10, i),
              String.format("@bench_%02d", i % 10),
              now.minusSeconds(120L * i / 10),
              5,
              12));
      if (batch.size() == 1000) {
        digests.insertMany(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      digests.insertMany(batch);
    }
    System.out.printf("loaded %d digests%n", digests.countDocuments());
  }

  private static void compare(MongoDatabase database, int rounds) throws IOException {
    double[] raw = new double[rounds];
    double[] exporter = new double[rounds];
    rawReadAndWrite(database); // warm-up
    export(database);
    for (int round = 0; round < rounds; round++) {
      raw[round] = rawReadAndWrite(database);
      exporter[round] = export(database);
      System.out.printf(
          "round %d: raw read + gzip JSON write %.0f docs/s, exporter %.0f docs/s, ratio %.2f%n",
          round + 1, raw[round], exporter[round], exporter[round] / raw[round]);
    }
    System.out.printf(
        "median: raw %.0f docs/s, exporter %.0f docs/s, ratio %.2f (goal >= 0.70)%n",
        median(raw), median(exporter), median(exporter) / median(raw));
  }

  /** The export alone, with the heap sampled every 5 ms; run it under -Xmx128m. */
  private static void heap(MongoDatabase database) throws Exception {
    Runtime runtime = Runtime.getRuntime();
    long[] peak = {0};
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], runtime.totalMemory() - runtime.freeMemory());
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    double rate = export(database);
    sampler.interrupt();
    sampler.join();
    System.out.printf(
        "export under -Xmx%d MB completed at %.0f docs/s; peak heap used %.1f MB%n",
        runtime.maxMemory() / (1024 * 1024), rate, peak[0] / (1024.0 * 1024));
  }

  private static double rawReadAndWrite(MongoDatabase database) throws IOException {
    Path file = Files.createTempFile("raw-export", ".jsonl.gz");
    long start = System.nanoTime();
    long count = 0;
    try (OutputStream out =
        new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 16 * 1024)) {
      for (Document document :
          database.getCollection("digests").find().sort(Sorts.ascending("_id")).batchSize(256)) {
        out.write(document.toJson().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        count++;
      }
    }
    double rate = count / ((System.nanoTime() - start) / 1e9);
    Files.delete(file);
    return rate;
  }

  private static double export(MongoDatabase database) throws IOException {
    Path folder = Files.createTempDirectory("export-bench");
    Exporter exporter =
        new Exporter(
            database,
            new FileSystemDatasetStore(folder),
            RecordSchema.load(),
            JSON,
            Clock.systemUTC(),
            500 * 1024,
            new SimpleMeterRegistry());
    long start = System.nanoTime();
    Exporter.Outcome outcome =
        exporter.export(
            ExportPlan.from(new ExportRequest("digests", WINDOW_HOURS, null, null, null, null)));
    double rate = outcome.manifest().recordCount() / ((System.nanoTime() - start) / 1e9);
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    return rate;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
