package io.butlerbench.pilot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The whole sign-off report for fixed pilots, against committed Markdown files: the template may
 * change only how the report is laid out, never what it says.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "pilot.exporter-url,pilot.benchmark-url"))
class SignOffReportGoldenTest {
  @Test
  void aDecidedPilotShowsItsWholeHistory() throws IOException {
    Document pilot =
        plan("pilot-1", "ROLLED_BACK")
            .append("trained_model", "ft:qwen-7b:acme:1")
            .append(
                "validation",
                new Document("dataset_checksum", "sha256:abc")
                    .append("records_scanned", 120)
                    .append("schema_invalid", 0)
                    .append(
                        "personal_data",
                        List.of(new Document("kind", "email"), new Document("kind", "phone"))))
            .append(
                "baseline_run",
                new Document("run_id", "run-base")
                    .append(
                        "metrics",
                        new Document("coverage", 0.88)
                            .append("accuracy", 1)
                            .append("latency_p95", 3.5)
                            .append("coherence", null)))
            .append(
                "evaluation_run",
                new Document("run_id", "run-eval")
                    .append(
                        "metrics",
                        new Document("coverage", 0.92)
                            .append("accuracy", 0.75)
                            .append("coherence", 0.5)))
            .append(
                "approvals",
                List.of(
                    new Document("role", "ML_LEAD")
                        .append("person", "ml-lead")
                        .append("at", at("2026-11-28T09:00:00Z"))
                        .append("comment", "fine | but\nwatch latency & <p95>"),
                    new Document("role", "OPERATIONS_OWNER")
                        .append("person", "owner")
                        .append("at", at("2026-11-28T09:05:00Z"))
                        .append("comment", null)))
            .append(
                "decision",
                new Document("proposal", "go")
                    .append("decided_by_rule", "quality-and-latency")
                    .append("checks", List.of("coverage +0.04 >= 0.00", "latency within 10%"))
                    .append("go", true)
                    .append("by", "ml-lead")
                    .append("reason", "Кандидат лучше | a\nb")
                    .append(
                        "samples_read",
                        List.of(
                            new Document("sample_id", "s-1")
                                .append("read_at", at("2026-11-28T10:00:05Z")),
                            "s-legacy")));
    List<Document> aliasChanges =
        List.of(
            new Document("at", at("2026-11-28T11:00:00Z"))
                .append("alias", "champion")
                .append("model", "ft:qwen-7b:acme:1")
                .append("by", "owner")
                .append("reason", "promote | now"),
            new Document("at", at("2026-11-28T12:00:00Z"))
                .append("alias", "champion")
                .append("model", "qwen-7b")
                .append("by", "owner")
                .append("reason", "roll\nback"));
    List<Document> audit =
        List.of(
            entry("2026-11-28T08:00:00Z", "engineer", "CREATE", null, "DRAFT"),
            entry(
                "2026-11-28T08:01:00Z", "benchmark-run-poller", "VALIDATE", "DRAFT", "VALIDATED"));
    assertGolden("sign-off-report.md", SignOffReport.markdown(pilot, aliasChanges, audit));
  }

  @Test
  void aPilotBeforeItsDecisionSaysWhatIsMissing() throws IOException {
    Document pilot =
        plan("pilot-2", "BASELINE_DONE")
            .append(
                "baseline_run",
                new Document("run_id", "run-base")
                    .append("metrics", new Document("coverage", 0.88).append("accuracy", "n/a")));
    assertGolden(
        "sign-off-report-undecided.md",
        SignOffReport.markdown(
            pilot,
            List.of(),
            List.of(entry("2026-11-28T08:00:00Z", "engineer", "CREATE", null, "DRAFT"))));
  }

  private static Document plan(String id, String state) {
    return new Document("pilot_id", id)
        .append("scenario", "channel_digest_ru")
        .append("dataset_id", "digests")
        .append("dataset_version", "v1")
        .append("baseline_model", "qwen-7b")
        .append("candidate_name", "qwen-7b-ft")
        .append("initiator", "engineer")
        .append("state", state)
        .append(
            "training",
            new Document("epochs", 3)
                .append("learning_rate_multiplier", 0.5)
                .append("suffix", "acme")
                .append("shuffle", true))
        .append("git_commit", "0123abc");
  }

  private static Document entry(String at, String actor, String action, String from, String to) {
    return new Document("at", at(at))
        .append("actor", actor)
        .append("action", action)
        .append("from", from)
        .append("to", to);
  }

  private static Date at(String instant) {
    return Date.from(Instant.parse(instant));
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
