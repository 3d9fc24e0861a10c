package io.butlerbench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.judge.Judge;
import io.butlerbench.benchmark.judge.Sample;
import io.butlerbench.benchmark.judge.Verdict;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import io.butlerbench.testing.MongoServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runner's integrity rules in plain Java, against the in-process MongoDB. */
class RunnerTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Scenario SCENARIO =
      new Scenario(
          "channel_digest_ru",
          "benchmark_digest_ru_v1",
          Map.of(
              "coverage",
              new Threshold(0.88, 0.80, false),
              "latency_p95",
              new Threshold(210, 240, true)));

  /** Ten records with stored scores, streamed from memory. */
  static final class TenRecords implements DatasetSource {
    @Override
    public Optional<Version> latest(String datasetId) {
      return Optional.of(new Version(datasetId, "v1", 10));
    }

    @Override
    public Optional<Version> version(String datasetId, String version) {
      return latest(datasetId);
    }

    @Override
    public void forEachRecord(Version version, Consumer<JsonNode> records) {
      for (int i = 1; i <= 10; i++) {
        records.accept(
            JSON.createObjectNode()
                .put("sample_id", "s-" + i)
                .put("source_text", "Пост " + i)
                .put("summary_markdown", "- итог " + i)
                .put("latency_seconds", 10 * i));
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

  @Test
  void aSampleWhoseJudgingThrowsIsStoredAsAnErrorWithItsReasonNeverDropped() throws Exception {
    RunStore store = new RunStore(MONGO.freshDatabase());
    Runner runner =
        new Runner(
            store,
            new TenRecords(),
            name -> new BreaksOnSampleThree(),
            null,
            new RunMetrics(new SimpleMeterRegistry()),
            0.1,
            0.01,
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
