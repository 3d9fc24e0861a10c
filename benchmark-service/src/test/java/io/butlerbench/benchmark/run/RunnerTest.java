package io.butlerbench.benchmark.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.Sample;
import io.butlerbench.benchmark.judge.Verdict;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.testing.MongoServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runner's integrity rules in plain Java, against the in-process MongoDB. */
class RunnerTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();
  static final Scenario SCENARIO =
      new Scenario(
          "channel_digest_ru",
          "benchmark_digest_ru_v1",
          Map.of(
              "coverage",
              new Threshold(0.88, 0.80, false),
              "latency_p95",
              new Threshold(210, 240, true)));

  /** Records streamed from memory. */
  static final class Records implements DatasetSource {
    final int count;

    Records(int count) {
      this.count = count;
    }

    @Override
    public Optional<Version> latest(String datasetId) {
      return Optional.of(new Version(datasetId, "v1", count));
    }

    @Override
    public Optional<Version> version(String datasetId, String version) {
      return latest(datasetId);
    }

    @Override
    public void forEachRecord(Version version, Consumer<DatasetRecord> records) {
      for (int i = 1; i <= count; i++) {
        records.accept(
            new DatasetRecord(
                "s-" + i,
                null,
                null,
                null,
                "Пост " + i,
                "- итог " + i,
                null,
                null,
                10 * (i % 20 + 1)));
      }
    }

    @Override
    public boolean reachable() {
      return true;
    }
  }

  /** A judge whose own code breaks on one sample, as a failing judge cache once did. */
  static final class BreaksOnSampleThree implements Judge {
    @Override
    public String name() {
      return "reference";
    }

    @Override
    public String model() {
      return "breaks-on-three";
    }

    @Override
    public Verdict judge(Sample sample, String summary, Sampling sampling) {
      if (sample.sampleId().equals("s-3")) {
        throw new IllegalStateException("judge cache unavailable");
      }
      return Verdict.scored(
          Map.of("coverage", 0.95, "accuracy", 0.95, "coherence", 0.95, "informativeness", 0.95));
    }
  }

  /** A judge that takes a little while and counts how often it judged each sample. */
  static final class CountingJudge implements Judge {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public String name() {
      return "reference";
    }

    @Override
    public String model() {
      return "counting";
    }

    @Override
    public Verdict judge(Sample sample, String summary, Sampling sampling) {
      calls.computeIfAbsent(sample.sampleId(), id -> new AtomicInteger()).incrementAndGet();
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the latency of a judge
      return Verdict.scored(
          Map.of("coverage", 0.95, "accuracy", 0.95, "coherence", 0.95, "informativeness", 0.95));
    }

    int total() {
      return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  static RunPlan plan(int records) {
    return new RunPlan(
        SCENARIO, "v1", records, "reference", null, 4, 42, 0.0, false, 1, Duration.ofMinutes(1));
  }

  Runner instance(MongoDatabase database, DatasetSource records, Judge judge) {
    return new Runner(
        new RunStore(database),
        new RunChunks(database),
        records,
        name -> judge,
        null,
        new RunMetrics(new SimpleMeterRegistry(), Set.of()),
        new Runner.Settings(0.1, 0.01, 10, Duration.ofSeconds(30), 4),
        Clock.systemUTC());
  }

  @Test
  void aSecondInstanceJoinsALiveRunAndNoSampleIsJudgedTwice() {
    MongoDatabase database = MONGO.freshDatabase();
    RunStore store = new RunStore(database);
    Records records = new Records(400);
    CountingJudge first = new CountingJudge();
    CountingJudge second = new CountingJudge();
    Runner one = instance(database, records, first);
    Runner two = instance(database, records, second);
    String runId = one.submit(plan(400)).getString("_id");
    await().until(() -> first.total() > 0);
    two.sweep(run -> plan(400));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "COMPLETED".equals(store.find(runId).orElseThrow().getString("status")));
    assertTrue(second.total() > 0, "the second instance took part");
    for (int i = 1; i <= 400; i++) {
      int judged =
          first.calls.getOrDefault("s-" + i, new AtomicInteger()).get()
              + second.calls.getOrDefault("s-" + i, new AtomicInteger()).get();
      assertEquals(1, judged, "s-" + i + " judged once across both instances");
    }
    assertEquals(400, store.countSamples(runId));
    assertEquals("PASS", store.find(runId).orElseThrow().getString("outcome"));
  }

  @Test
  void aRunAbandonedByADeadInstanceIsTakenOverWhereItsStoredResultsEnd() {
    MongoDatabase database = MONGO.freshDatabase();
    RunStore store = new RunStore(database);
    Instant past = Instant.now().minusSeconds(60);
    String runId = "run-abandoned";
    store.create(
        new Document("_id", runId)
            .append("run_id", runId)
            .append("scenario", SCENARIO.name())
            .append("record_count", 30L)
            .append("status", RunStore.RUNNING)
            .append("created_at", Date.from(past))
            .append("deadline_at", Date.from(Instant.now().plusSeconds(600)))
            .append("lease_until", Date.from(past)));
    RunChunks chunks = new RunChunks(database);
    // the dead instance held chunk 0 and had stored 4 of its results
    assertEquals(
        RunChunks.Claim.NEW, chunks.claim(runId, 0, "instance-dead", past, past.plusSeconds(30)));
    for (int i = 1; i <= 4; i++) {
      store.saveSamples(
          List.of(
              new Document("_id", runId + "/s-" + i + "/0")
                  .append("run_id", runId)
                  .append("sample_id", "s-" + i)
                  .append("repeat", 0)
                  .append("status", "OK")
                  .append("latency_seconds", 10.0 * i)
                  .append("scores", new Document("coverage", 0.95))));
    }
    CountingJudge judge = new CountingJudge();
    instance(database, new Records(30), judge).sweep(run -> plan(30));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(store.find(runId).orElseThrow().getString("status")));
    assertEquals(26, judge.total(), "only what the dead instance had not stored");
    assertEquals(30, store.countSamples(runId));
  }

  @Test
  void anAbandonedRunThatCanNoLongerBePlannedEndsFailedSayingWhy() {
    MongoDatabase database = MONGO.freshDatabase();
    RunStore store = new RunStore(database);
    Instant past = Instant.now().minusSeconds(60);
    store.create(
        new Document("_id", "run-orphan")
            .append("run_id", "run-orphan")
            .append("status", RunStore.RUNNING)
            .append("created_at", Date.from(past))
            .append("lease_until", Date.from(past)));
    instance(database, new Records(10), new CountingJudge())
        .sweep(
            run -> {
              throw new InvalidRequestException(
                  "dataset_version", "exists", "the exporter has no version 'v0'");
            });
    Document run = store.find("run-orphan").orElseThrow();
    assertEquals("FAILED", run.getString("status"));
    assertTrue(run.getString("reason").contains("no version 'v0'"), run.getString("reason"));
  }

  @Test
  void anInstanceAtItsRunLimitRefusesAnotherRun() {
    MongoDatabase database = MONGO.freshDatabase();
    Runner runner =
        new Runner(
            new RunStore(database),
            new RunChunks(database),
            new Records(400),
            name -> new CountingJudge(),
            null,
            new RunMetrics(new SimpleMeterRegistry(), Set.of()),
            new Runner.Settings(0.1, 0.01, 10, Duration.ofSeconds(30), 1),
            Clock.systemUTC());
    runner.submit(plan(400));
    assertThrows(Runner.AtCapacityException.class, () -> runner.submit(plan(400)));
  }

  @Test
  void aSampleWhoseJudgingThrowsIsStoredAsAnErrorWithItsReasonNeverDropped() throws Exception {
    MongoDatabase database = MONGO.freshDatabase();
    RunStore store = new RunStore(database);
    Runner runner =
        new Runner(
            store,
            new RunChunks(database),
            new Records(10),
            name -> new BreaksOnSampleThree(),
            null,
            new RunMetrics(new SimpleMeterRegistry(), Set.of()),
            new Runner.Settings(0.1, 0.01, 50, Duration.ofSeconds(30), 4),
            Clock.systemUTC());
    Document run =
        runner.submit(
            new RunPlan(
                SCENARIO,
                "v1",
                10,
                "reference",
                null,
                4,
                42,
                0.0,
                false,
                1,
                Duration.ofMinutes(1)));
    runner.awaitIdle(Duration.ofMinutes(1));

    List<Document> results = store.samples(run.getString("_id"));
    assertEquals(10, results.size(), "every sample has exactly one stored result");
    Document broken =
        results.stream().filter(r -> r.getString("sample_id").equals("s-3")).findFirst().get();
    assertEquals("ERROR", broken.getString("status"));
    assertTrue(broken.getString("error").contains("judge cache unavailable"));
    assertNull(broken.get("scores"), "an error is never a score");
    Document finished = store.find(run.getString("_id")).orElseThrow();
    assertEquals("COMPLETED", finished.getString("status"));
    assertEquals(1L, finished.get("errors", Number.class).longValue());
    assertEquals("PASS", finished.getString("outcome"), finished.getString("reason"));
  }
}
