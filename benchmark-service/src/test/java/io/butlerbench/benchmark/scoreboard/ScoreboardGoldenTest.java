package io.butlerbench.benchmark.scoreboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.benchmark.run.RunStore;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Scenarios;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The whole scoreboard for fixed runs, against a committed Markdown file: the template may change
 * only what it lays out, never what the scoreboard says.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class ScoreboardGoldenTest {
  @Inject MongoDatabase database;

  @Test
  void theLatestCompletedRunPerScenarioAndJudgeIsOneRow() throws IOException {
    List<Document> runs =
        List.of(
            run("run-5", "dry-run", "stored-ground-truth", RunStore.RUNNING),
            run("run-4", "llm", "gpt-4o", RunStore.COMPLETED)
                .append("candidate_model", "qwen-7b-ft")
                .append(
                    "metrics",
                    List.of(
                        metric("coverage", 0.91234, "PASS"),
                        metric("accuracy", 1, "PASS"),
                        metric("coherence", 0.5, "FAIL"),
                        metric("informativeness", 0.7777, "WARN"),
                        metric(Scenario.LATENCY, 12.3456, "PASS")))
                .append("outcome", "FAIL")
                .append("errors", 2)
                .append("finished_at", Date.from(Instant.parse("2026-11-28T10:15:30Z"))),
            run("run-3", "llm", "gpt-4o", RunStore.COMPLETED).append("outcome", "PASS"),
            run("run-2", "dry-run", "stored-ground-truth", RunStore.COMPLETED)
                .append("metrics", List.of(metric("coverage", 0.8, "WARN")))
                .append("outcome", "WARN")
                .append("errors", 0L),
            run("run-1", "reference", "rules", RunStore.FAILED));
    assertGolden("scoreboard.md", scoreboard(runs).markdown());
  }

  @Test
  void withoutACompletedRunTheTableSaysSo() throws IOException {
    List<Document> runs = List.of(run("run-1", "llm", "gpt-4o", RunStore.INTERRUPTED));
    assertGolden("scoreboard-empty.md", scoreboard(runs).markdown());
  }

  @Test
  void scenariosComeInTheOrderOfTheirNames() {
    Document run = run("run-1", "llm", "gpt-4o", RunStore.COMPLETED).append("outcome", "PASS");
    Scoreboard scoreboard =
        scoreboard(
            Map.of(
                "review_en",
                List.of(run),
                "channel_digest_ru",
                List.of(run),
                "a_first",
                List.of(run)));
    assertEquals(
        List.of("a_first", "channel_digest_ru", "review_en"),
        scoreboard.view().rows().stream().map(ScoreboardView.Row::scenario).toList());
  }

  private Scoreboard scoreboard(List<Document> runs) {
    return scoreboard(Map.of("channel_digest_ru", runs, "review_en", List.of()));
  }

  private Scoreboard scoreboard(Map<String, List<Document>> runsByScenario) {
    RunStore store =
        new RunStore(database) {
          @Override
          public List<Document> latest(String scenario, int limit) {
            return runsByScenario.getOrDefault(scenario, List.of());
          }
        };
    Map<String, Scenario> scenarios = new HashMap<>();
    runsByScenario
        .keySet()
        .forEach(name -> scenarios.put(name, new Scenario(name, "digests", Map.of())));
    return new Scoreboard(store, new Scenarios(scenarios));
  }

  private static Document run(String id, String judge, String judgeModel, String status) {
    return new Document("_id", id)
        .append("scenario", "channel_digest_ru")
        .append("status", status)
        .append("judge", judge)
        .append("judge_model", judgeModel)
        .append("dataset_version", "v-" + id);
  }

  private static Document metric(String name, Number value, String outcome) {
    return new Document("metric", name).append("value", value).append("outcome", outcome);
  }

  /** Compares with the committed file; writes it when it is missing, for review, and fails. */
  private static void assertGolden(String name, String actual) throws IOException {
    Path golden = Path.of("src/test/resources/golden", name);
    if (!Files.exists(golden)) {
      Files.writeString(golden, actual);
      fail("wrote " + golden + ": review it and run again");
    }
    assertEquals(Files.readString(golden), actual);
  }
}
