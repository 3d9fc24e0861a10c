package io.butlerbench.pilot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
 * Pilots left in an intermediate state by a process that died mid-step, as MongoDB holds them
 * afterwards, settled by the recovery of a new process: finished when the step's effect is visible,
 * undone when nothing happened, failed when a paid job may exist.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ClaimRecoveryTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();
  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  WireMockServer benchmark;
  MongoDatabase database;
  AliasStore aliases;
  PilotStore store;
  ClaimRecovery recovery;

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
                    .withBody("{\"run_id\":\"run-recovery\"}")));
    benchmark.stubFor(
        get("/runs/run-recovery")
            .willReturn(
                okJson(
                    "{\"run_id\":\"run-recovery\",\"status\":\"COMPLETED\",\"judge\":\"reference\","
                        + "\"outcome\":\"PASS\",\"metrics\":[]}")));
    database = MONGO.freshDatabase();
    aliases = new AliasStore(database);
    store = new PilotStore(database);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ObjectMapper json = new ObjectMapper();
    PilotService pilots =
        new PilotService(
            store,
            aliases,
            TestClients.services(benchmark.baseUrl(), benchmark.baseUrl()),
            Map.of("channel_digest_ru", "benchmark_digest_ru_v1"),
            new DecisionRule(0.90, 0.01, 0.02, 0.10, 0.10),
            "reference",
            Duration.ofHours(24),
            TIMEOUT,
            "test-commit",
            json,
            clock,
            new SimpleMeterRegistry(),
            List.of(new ExternalTraining()));
    recovery = new ClaimRecovery(store, aliases, pilots, TIMEOUT, clock);
  }

  @AfterEach
  void stop() {
    benchmark.stop();
  }

  /** A pilot a dead process left in {@code state}, claimed {@code age} ago for {@code action}. */
  String leftIn(
      PilotState state, PilotAction action, PilotState from, Duration age, Document step) {
    String id = "pilot-" + System.nanoTime();
    Document claim =
        new Document("id", "claim-" + id)
            .append("action", action.name())
            .append("from", from.name())
            .append("by", "ops-owner")
            .append("at", Date.from(NOW.minus(age)));
    claim.putAll(step);
    database
        .getCollection("pilots")
        .insertOne(
            new Document("_id", id)
                .append("pilot_id", id)
                .append("scenario", "channel_digest_ru")
                .append("dataset_id", "benchmark_digest_ru_v1")
                .append("dataset_version", "v1")
                .append("baseline_model", "qwen-7b")
                .append("trained_model", "qwen-7b-ft-" + id)
                .append("initiator", "ml-engineer")
                .append("state", state.name())
                .append("claim", claim)
                .append("approvals", List.of())
                .append("created_at", Date.from(NOW.minus(Duration.ofDays(1)))));
    return id;
  }

  Document pilot(String id) {
    return store.find(id).orElseThrow();
  }

  void moved(String id, String alias, String model, PilotAction action) {
    aliases.move(
        new AliasStore.Move(
            "channel_digest_ru",
            alias,
            model,
            "ops-owner",
            "релиз",
            id,
            action.name(),
            List.of(),
            NOW.minus(Duration.ofMinutes(11))));
  }

  @Test
  void aStaleSubmissionToAPaidProviderFailsSayingWhereToLookForTheJob() {
    String id =
        leftIn(
            PilotState.SUBMITTING,
            PilotAction.START_TRAINING,
            PilotState.APPROVED,
            Duration.ofMinutes(11),
            new Document("provider", "openai"));
    assertEquals(1, recovery.recoverOnce());
    Document failed = pilot(id);
    assertEquals("FAILED", failed.getString("state"));
    assertTrue(failed.getString("failure").contains("pilot_id " + id), failed.getString("failure"));
    assertNull(failed.get("claim"));
    List<Document> audit = store.audit(id);
    assertEquals(ClaimRecovery.ACTOR, audit.get(audit.size() - 1).getString("actor"));
  }

  @Test
  void aStaleExternalSubmissionGoesBackToApprovedToBeAskedAgain() {
    String id =
        leftIn(
            PilotState.SUBMITTING,
            PilotAction.START_TRAINING,
            PilotState.APPROVED,
            Duration.ofMinutes(11),
            new Document("provider", "external"));
    recovery.recoverOnce();
    Document released = pilot(id);
    assertEquals("APPROVED", released.getString("state"));
    assertEquals(
        "START_TRAINING", released.get("released_claim", Document.class).getString("action"));
  }

  @Test
  void aPromotionThatDiedBeforeMovingAnAliasGoesBackToDecided() {
    String id =
        leftIn(
            PilotState.PROMOTING,
            PilotAction.PROMOTE,
            PilotState.DECIDED,
            Duration.ofMinutes(11),
            new Document("reason", "релиз"));
    recovery.recoverOnce();
    assertEquals("DECIDED", pilot(id).getString("state"));
    assertTrue(aliases.byPilot(id).isEmpty());
  }

  @Test
  void aPromotionThatDiedAfterMovingChampionIsFinishedWithoutMovingItTwice() {
    String id =
        leftIn(
            PilotState.PROMOTING,
            PilotAction.PROMOTE,
            PilotState.DECIDED,
            Duration.ofMinutes(11),
            new Document("reason", "релиз"));
    moved(id, AliasStore.CHAMPION, "qwen-7b-ft-" + id, PilotAction.PROMOTE);
    recovery.recoverOnce();
    assertEquals("PROMOTED", pilot(id).getString("state"));
    List<Document> moves = aliases.byPilot(id);
    assertEquals(
        List.of(AliasStore.CHAMPION, AliasStore.CHALLENGER),
        moves.stream().map(move -> move.getString("alias")).toList());
    assertEquals("ops-owner", moves.get(1).getString("by"));
    assertEquals(
        "qwen-7b",
        aliases
            .latest("channel_digest_ru", AliasStore.CHALLENGER)
            .orElseThrow()
            .getString("model"));
  }

  @Test
  void aRollbackThatDiedAfterMovingChampionBackIsFinishedWithItsRecoveryRun() {
    String id =
        leftIn(
            PilotState.ROLLING_BACK,
            PilotAction.ROLL_BACK,
            PilotState.PROMOTED,
            Duration.ofMinutes(11),
            new Document("reason", "рост ошибок"));
    moved(id, AliasStore.CHAMPION, "qwen-7b", PilotAction.ROLL_BACK);
    recovery.recoverOnce();
    Document rolledBack = pilot(id);
    assertEquals("ROLLED_BACK", rolledBack.getString("state"));
    Document rollback = rolledBack.get("rollback", Document.class);
    assertEquals("ops-owner", rollback.getString("by"));
    // started, and followed from now on by the run poller
    Document recoveryRun = rollback.get("recovery_run", Document.class);
    assertEquals("run-recovery", recoveryRun.getString("run_id"));
    assertEquals(true, recoveryRun.getBoolean("pending"));
  }

  @Test
  void aRollbackThatDiedBeforeMovingChampionGoesBackToPromoted() {
    String id =
        leftIn(
            PilotState.ROLLING_BACK,
            PilotAction.ROLL_BACK,
            PilotState.PROMOTED,
            Duration.ofMinutes(11),
            new Document("reason", "рост ошибок"));
    recovery.recoverOnce();
    assertEquals("PROMOTED", pilot(id).getString("state"));
  }

  @Test
  void aClaimYoungerThanTheTimeoutIsLeftToTheStepThatHoldsIt() {
    String id =
        leftIn(
            PilotState.PROMOTING,
            PilotAction.PROMOTE,
            PilotState.DECIDED,
            Duration.ofMinutes(9),
            new Document("reason", "релиз"));
    assertEquals(0, recovery.recoverOnce());
    Document pilot = pilot(id);
    assertEquals("PROMOTING", pilot.getString("state"));
    assertFalse(pilot.get("claim", Document.class).isEmpty());
  }
}
