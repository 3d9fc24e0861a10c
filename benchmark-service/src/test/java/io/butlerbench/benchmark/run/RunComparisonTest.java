package io.butlerbench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Scenarios;
import io.butlerbench.benchmark.scenario.Threshold;
import io.butlerbench.contracts.run.Outcome;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.testing.MongoServerExtension;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /runs/{a}/compare/{b}} against the in-process MongoDB, on runs of many samples. */
class RunComparisonTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();

  static final Scenario SCENARIO = scenario();

  private static Scenario scenario() {
    Map<String, Threshold> thresholds = new LinkedHashMap<>();
    thresholds.put("coverage", new Threshold(0.88, 0.80, false));
    thresholds.put("accuracy", new Threshold(0.90, 0.85, false));
    thresholds.put("coherence", new Threshold(0.90, 0.85, false));
    thresholds.put("informativeness", new Threshold(0.88, 0.82, false));
    thresholds.put("latency_p95", new Threshold(210, 240, true));
    return new Scenario("channel_digest_ru", "benchmark_digest_ru_v1", thresholds);
  }

  /**
   * Decodes documents like the driver's own codec and keeps a weak reference to every stored result
   * it decoded: every {@code checkEvery} results it collects the garbage and counts the results
   * still reachable, i.e. held by somebody at that moment.
   */
  static final class HeldResults implements Codec<Document> {
    private final DocumentCodec codec;
    private final int checkEvery;
    private final List<WeakReference<Document>> decoded = new ArrayList<>();
    private int mostHeld;

    HeldResults(CodecRegistry registry, int checkEvery) {
      this.codec = new DocumentCodec(registry);
      this.checkEvery = checkEvery;
    }

    @Override
    public Document decode(BsonReader reader, DecoderContext context) {
      Document document = codec.decode(reader, context);
      if (document.containsKey("sample_id")) {
        decoded.add(new WeakReference<>(document));
        if (decoded.size() % checkEvery == 0) {
          mostHeld = Math.max(mostHeld, held());
        }
      }
      return document;
    }

    private int held() {
      WeakReference<Object> sentinel = new WeakReference<>(new Object());
      for (int i = 0; i < 5 && sentinel.get() != null; i++) {
        System.gc();
      }
      assertTrue(sentinel.get() == null, "a full garbage collection ran");
      return (int) decoded.stream().filter(reference -> reference.get() != null).count();
    }

    @Override
    public void encode(BsonWriter writer, Document value, EncoderContext context) {
      codec.encode(writer, value, context);
    }

    @Override
    public Class<Document> getEncoderClass() {
      return Document.class;
    }
  }

  static RunResource resource(RunStore store) {
    RunService service =
        new RunService(
            new Scenarios(Map.of(SCENARIO.name(), SCENARIO)),
            null,
            store,
            null,
            null,
            Optional.empty());
    return new RunResource(
        service, store, null, null); // reads and caller: not used by a comparison
  }

  static void createRun(RunStore store, String runId) {
    store.create(
        new Document("_id", runId)
            .append("run_id", runId)
            .append("scenario", SCENARIO.name())
            .append("dataset_version", "v1")
            .append("status", RunStore.COMPLETED)
            .append("created_at", new Date()));
  }

  static Document result(String runId, String sample, int repeat, double coverage, double latency) {
    return new Document("_id", runId + "/" + sample + "/" + repeat)
        .append("run_id", runId)
        .append("sample_id", sample)
        .append("repeat", repeat)
        .append("status", "OK")
        .append("latency_seconds", latency)
        .append("judge_calls", 1)
        .append("injected_defects", List.of())
        .append("candidate_summary", "- итог " + sample)
        .append(
            "scores",
            new Document("coverage", coverage)
                .append("accuracy", 0.95)
                .append("coherence", 0.95)
                .append("informativeness", 0.95));
  }

  static void seed(MongoDatabase database, List<Document> results) {
    for (int from = 0; from < results.size(); from += 1000) {
      database
          .getCollection("run_samples")
          .insertMany(results.subList(from, Math.min(results.size(), from + 1000)));
    }
  }

  @Test
  void twoRunsOfTwentyThousandSamplesAreComparedWithoutHoldingTheirResults() {
    int samples = 20_000;
    MongoDatabase database = MONGO.freshDatabase();
    RunStore seeding = new RunStore(database);
    createRun(seeding, "run-base");
    createRun(seeding, "run-candidate");
    List<Document> base = new ArrayList<>();
    List<Document> candidate = new ArrayList<>();
    double[] baseLatencies = new double[samples];
    double[] candidateLatencies = new double[samples];
    for (int i = 1; i <= samples; i++) {
      String sample = String.format("s-%05d", i);
      baseLatencies[i - 1] = i % 200 + 1;
      candidateLatencies[i - 1] = i % 200 + 6;
      base.add(result("run-base", sample, 0, 0.95, baseLatencies[i - 1]));
      // every tenth sample of the candidate falls from PASS to FAIL on coverage
      candidate.add(
          result("run-candidate", sample, 0, i % 10 == 0 ? 0.5 : 0.95, candidateLatencies[i - 1]));
    }
    seed(database, base);
    seed(database, candidate);

    HeldResults held = new HeldResults(database.getCodecRegistry(), 5_000);
    RunStore store =
        new RunStore(
            database.withCodecRegistry(
                CodecRegistries.fromRegistries(
                    CodecRegistries.fromCodecs(held), database.getCodecRegistry())));
    Comparison comparison = resource(store).compare("run-base", "run-candidate", 0, 100);

    assertTrue(
        held.decoded.size() >= 2 * samples,
        "every result was read through the tracked codec: " + held.decoded.size());
    assertTrue(
        held.mostHeld <= samples / 10,
        "at most a tenth of one run's results is held at once, but "
            + held.mostHeld
            + " of the "
            + 2 * samples
            + " were");

    Map<String, Comparison.MetricDelta> metrics = new LinkedHashMap<>();
    for (Comparison.MetricDelta metric : comparison.metrics()) {
      metrics.put(metric.metric(), metric);
    }
    assertEquals(
        List.of("coverage", "accuracy", "coherence", "informativeness", "latency_p95"),
        List.copyOf(metrics.keySet()));
    Comparison.MetricDelta coverage = metrics.get("coverage");
    assertEquals(0.95, coverage.base());
    assertEquals(0.905, coverage.candidate());
    assertEquals(-0.045, coverage.delta());
    double low = coverage.ci95Low();
    double high = coverage.ci95High();
    assertTrue(low < -0.045 && -0.045 < high && high - low < 0.02, low + " .. " + high);
    assertEquals(Outcome.PASS, coverage.baseOutcome());
    assertEquals(0.0, metrics.get("accuracy").delta());
    Comparison.MetricDelta latency = metrics.get("latency_p95");
    assertEquals(Statistics.percentile(baseLatencies, 95), latency.base(), 1e-4);
    assertEquals(Statistics.percentile(candidateLatencies, 95), latency.candidate(), 1e-4);
    assertEquals(5.0, latency.delta());
    assertNull(latency.ci95Low(), "latency is a percentile, not resampled");

    assertEquals((long) samples / 10, comparison.changedSamplesTotal());
    List<Comparison.ChangedSample> changed = comparison.changedSamples();
    assertEquals(100, changed.size(), "the first page of changed samples, not all of them");
    assertEquals(
        new Comparison.ChangedSample("s-00010", Outcome.PASS, Outcome.FAIL), changed.get(0));
    assertEquals("s-01000", changed.get(99).sampleId());
  }

  @Test
  void changedSamplesArePagedInSampleOrderWithTheirTotal() {
    MongoDatabase database = MONGO.freshDatabase();
    RunStore store = new RunStore(database);
    createRun(store, "run-a");
    createRun(store, "run-b");
    List<Document> results = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      String sample = String.format("p-%03d", i);
      results.add(result("run-a", sample, 0, 0.95, 10));
      // every other sample of b warns (0.85); every 30th errored
      Document after = result("run-b", sample, 0, i % 2 == 0 ? 0.85 : 0.95, 10);
      if (i % 30 == 0) {
        after.append("status", "ERROR").remove("scores");
      }
      results.add(after);
    }
    // one sample only the base has, one only the candidate has: read, never compared
    results.add(result("run-a", "p-000", 0, 0.1, 10));
    results.add(result("run-b", "p-999", 0, 0.1, 10));
    seed(database, results);
    RunResource resource = resource(store);

    Comparison first = resource.compare("run-a", "run-b", 0, 100);
    assertEquals(150L, first.changedSamplesTotal());
    assertEquals(0, first.changedOffset());
    assertEquals(100, first.changedLimit());
    List<Comparison.ChangedSample> page = first.changedSamples();
    assertEquals(100, page.size());
    assertEquals(new Comparison.ChangedSample("p-002", Outcome.PASS, Outcome.WARN), page.get(0));
    assertEquals(new Comparison.ChangedSample("p-030", Outcome.PASS, Outcome.ERROR), page.get(14));

    List<Comparison.ChangedSample> rest =
        resource.compare("run-a", "run-b", 100, 100).changedSamples();
    assertEquals(50, rest.size());
    assertEquals("p-202", rest.get(0).sampleId());
    assertEquals("p-300", rest.get(49).sampleId());
    Comparison countOnly = resource.compare("run-a", "run-b", 0, 0);
    assertEquals(List.of(), countOnly.changedSamples());
    assertEquals(150L, countOnly.changedSamplesTotal());

    InvalidRequestException tooMany =
        assertThrows(
            InvalidRequestException.class, () -> resource.compare("run-a", "run-b", 0, 1001));
    assertEquals("changed_limit", tooMany.field());
    InvalidRequestException negative =
        assertThrows(
            InvalidRequestException.class, () -> resource.compare("run-a", "run-b", -1, 10));
    assertEquals("changed_offset", negative.field());
  }

  @Test
  void aSampleWithRepeatsComparesByItsWorstRepeat() {
    MongoDatabase database = MONGO.freshDatabase();
    RunStore store = new RunStore(database);
    createRun(store, "run-a");
    createRun(store, "run-b");
    List<Document> results = new ArrayList<>();
    for (int repeat = 0; repeat < 3; repeat++) {
      results.add(result("run-a", "r-1", repeat, 0.95, 10));
      results.add(result("run-a", "r-2", repeat, repeat == 0 ? 0.5 : 0.95, 10));
      // r-1 fails in its first repeat only: the sample is FAIL, whatever its last repeat says
      results.add(result("run-b", "r-1", repeat, repeat == 0 ? 0.5 : 0.95, 10));
      results.add(result("run-b", "r-2", repeat, repeat == 2 ? 0.5 : 0.95, 10));
    }
    seed(database, results);

    Comparison comparison = resource(store).compare("run-a", "run-b", 0, 100);
    assertEquals(
        List.of(new Comparison.ChangedSample("r-1", Outcome.PASS, Outcome.FAIL)),
        comparison.changedSamples());
  }

  @Test
  void idsAreOrderedAsMongoDbSortsThem() {
    // U+FFFD before U+1F600 by code point (UTF-8 bytes), although String.compareTo says after
    assertTrue(RunComparison.compareIds("s-\uFFFD", "s-\uD83D\uDE00") < 0);
    assertTrue("s-\uFFFD".compareTo("s-\uD83D\uDE00") > 0);
    assertTrue(RunComparison.compareIds("s-1", "s-10") < 0);
    assertEquals(0, RunComparison.compareIds("s-1", "s-1"));
    assertTrue(RunComparison.compareIds(null, "s-1") < 0);
  }
}
