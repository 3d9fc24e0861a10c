package io.butlerbench.pilot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.pilot.TestClients;
import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.training.ExternalTraining;
import io.butlerbench.testing.MongoServerExtension;
import io.butlerbench.testing.MongoTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run poller on pilots as MongoDB holds them after a process died or a run went on too long: a
 * start attempt without an outcome is given up (never repeated, which could start a second run), a
 * run past pilot.run-timeout is no longer waited for, a younger attempt is left to whoever makes
 * it.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class BenchmarkRunsTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();
  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);
  static final Duration RUN_TIMEOUT = Duration.ofHours(24);

  WireMockServer benchmark;
  MongoDatabase database;
  PilotStore store;
  PilotService pilots;

  @BeforeEach
  void start() {
    benchmark = new WireMockServer(options().dynamicPort());
    benchmark.start();
    benchmark.stubFor(
        post("/runs")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"run_id\":\"run-again\"}")));
    database = MONGO.freshDatabase();
    store = new PilotStore(database);
    ObjectMapper json = new ObjectMapper();
    pilots =
        new PilotService(
            store,
            new AliasStore(database),
            TestClients.services(benchmark.baseUrl(), benchmark.baseUrl()),
            Map.of("channel_digest_ru", "benchmark_digest_ru_v1"),
            new DecisionRule(0.90, 0.01, 0.02, 0.10, 0.10),
            "reference",
            RUN_TIMEOUT,
            CLAIM_TIMEOUT,
            "test-commit",
            json,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new SimpleMeterRegistry(),
            List.of(new ExternalTraining()));
  }

  @AfterEach
  void stop() {
    benchmark.stop();
  }

  /** The fields of a run asked for {@code age} ago, its only attempt made then. */
  static Document asked(Duration age) {
    Date at = Date.from(NOW.minus(age));
    return new Document("judge", "reference")
        .append("model", "qwen-7b")
        .append("requested_at", at)
        .append("attempts", 1)
        .append("attempt_at", at);
  }

  /** A pilot waiting in {@code state} for the run of {@code action}, claimed {@code age} ago. */
  String waiting(
      PilotState state, PilotAction action, PilotState from, Duration age, Document run) {
    String id = "pilot-" + System.nanoTime();
    Document claim =
        new Document("id", "claim-" + id)
            .append("action", action.name())
            .append("from", from.name())
            .append("by", "ml-engineer")
            .append("at", Date.from(NOW.minus(age)));
    claim.putAll(run);
    insert(id, state, new Document("claim", claim));
    return id;
  }

  void insert(String id, PilotState state, Document fields) {
    Document pilot =
        new Document("_id", id)
            .append("pilot_id", id)
            .append("scenario", "channel_digest_ru")
            .append("dataset_id", "benchmark_digest_ru_v1")
            .append("dataset_version", "v1")
            .append("baseline_model", "qwen-7b")
            .append("trained_model", "qwen-7b-ft-" + id)
            .append("initiator", "ml-engineer")
            .append("state", state.name())
            .append("approvals", List.of())
            .append("created_at", Date.from(NOW.minus(Duration.ofDays(1))));
    pilot.putAll(fields);
    database.getCollection("pilots").insertOne(pilot);
  }

  Document pilot(String id) {
    return store.find(id).orElseThrow();
  }

  int runsStarted() {
    return benchmark
        .countRequestsMatching(postRequestedFor(urlEqualTo("/runs")).build())
        .getCount();
  }

  @Test
  void aBaselineStartThatDiedWithoutAnOutcomeIsGivenUpAfterTheClaimTimeoutNotRepeated() {
    String id =
        waiting(
            PilotState.BASELINE_RUNNING,
            PilotAction.RECORD_BASELINE,
            PilotState.VALIDATED,
            Duration.ofMinutes(11),
            asked(Duration.ofMinutes(11)));
    assertEquals(1, pilots.pollRuns());
    Document released = pilot(id);
    assertEquals("VALIDATED", released.getString("state"));
    assertNull(released.get("claim"));
    Document claim = released.get("released_claim", Document.class);
    assertEquals("RECORD_BASELINE", claim.getString("action"));
    assertTrue(claim.getString("reason").contains("not followed"), claim.getString("reason"));
    assertEquals(0, runsStarted(), "a run whose start may have happened is never asked again");
    List<Document> audit = store.audit(id);
    assertEquals(BenchmarkRuns.ACTOR, audit.get(audit.size() - 1).getString("actor"));
  }

  @Test
  void anAttemptYoungerThanTheClaimTimeoutIsLeftToWhoeverMakesIt() {
    String id =
        waiting(
            PilotState.EVALUATING,
            PilotAction.EVALUATE,
            PilotState.TRAINED,
            Duration.ofMinutes(9),
            asked(Duration.ofMinutes(9)));
    assertEquals(0, pilots.pollRuns());
    assertEquals("EVALUATING", pilot(id).getString("state"));
    assertEquals(0, runsStarted());
  }

  @Test
  void anAttemptThatMetATransientErrorIsMadeAgainByOnePollerOnly() {
    String id =
        waiting(
            PilotState.BASELINE_RUNNING,
            PilotAction.RECORD_BASELINE,
            PilotState.VALIDATED,
            Duration.ofSeconds(30),
            asked(Duration.ofSeconds(30))
                .append(
                    "start_error", new Document("reason", "HTTP 503").append("at", new Date())));
    PendingRun read = PendingRun.of(pilot(id)).orElseThrow();
    // two pollers read the same failed attempt: only the first takes the next one
    assertTrue(store.takeStartAttempt(read, NOW));
    assertFalse(store.takeStartAttempt(read, NOW));

    String other =
        waiting(
            PilotState.BASELINE_RUNNING,
            PilotAction.RECORD_BASELINE,
            PilotState.VALIDATED,
            Duration.ofSeconds(30),
            asked(Duration.ofSeconds(30))
                .append(
                    "start_error", new Document("reason", "HTTP 503").append("at", new Date())));
    pilots.pollRuns();
    Document claim = pilot(other).get("claim", Document.class);
    assertEquals("run-again", claim.getString("run_id"));
    assertEquals(2, claim.getInteger("attempts"));
    assertNull(claim.get("start_error"));
    assertEquals(1, runsStarted());
  }

  @Test
  void aRunStillRunningAfterTheRunTimeoutIsNoLongerWaitedFor() {
    benchmark.stubFor(
        get("/runs/run-long")
            .willReturn(okJson("{\"run_id\":\"run-long\",\"status\":\"RUNNING\"}")));
    String id =
        waiting(
            PilotState.EVALUATING,
            PilotAction.EVALUATE,
            PilotState.TRAINED,
            Duration.ofHours(25),
            asked(Duration.ofHours(25)).append("run_id", "run-long"));
    assertEquals(1, pilots.pollRuns());
    Document released = pilot(id);
    assertEquals("TRAINED", released.getString("state"));
    Document claim = released.get("released_claim", Document.class);
    assertEquals("run-long", claim.getString("run_id"));
    assertTrue(claim.getString("reason").contains("did not end within"), claim.getString("reason"));
  }

  @Test
  void aRecoveryRunWhoseStartDiedIsRecordedAsAnErrorAndTheRollbackStands() {
    String id = "pilot-" + System.nanoTime();
    insert(
        id,
        PilotState.ROLLED_BACK,
        new Document(
            "rollback",
            new Document("by", "ops-owner")
                .append("reason", "рост ошибок")
                .append("recovery_run", asked(Duration.ofMinutes(11)).append("pending", true))));
    assertEquals(1, pilots.pollRuns());
    Document rolledBack = pilot(id);
    assertEquals("ROLLED_BACK", rolledBack.getString("state"));
    Document recovery =
        rolledBack.get("rollback", Document.class).get("recovery_run", Document.class);
    assertNull(recovery.get("pending"));
    assertTrue(recovery.getString("error").contains("not followed"), recovery.getString("error"));
    assertEquals(0, runsStarted());
    assertEquals(0, pilots.pollRuns(), "nothing pending any more");
  }
}
