package io.butlerbench.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.butlerbench.pilot.PilotSteps.as;
import static io.butlerbench.pilot.PilotSteps.create;
import static io.butlerbench.pilot.PilotSteps.engineer;
import static io.butlerbench.pilot.PilotSteps.lead;
import static io.butlerbench.pilot.PilotSteps.operator;
import static io.butlerbench.pilot.PilotSteps.owner;
import static io.butlerbench.pilot.PilotSteps.viewer;
import static io.butlerbench.pilot.PilotStubs.DATASET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.butlerbench.service.security.Roles;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pilot over real HTTP; the exporter and benchmark APIs are WireMock stubs here. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "pilot.exporter-url,pilot.benchmark-url"))
class PilotApiTest {
  @InjectStub WireMockServer stub;

  @BeforeEach
  void services() {
    PilotStubs.exporterAndBenchmark(stub);
  }

  @Test
  void aPilotWalksFromDraftToRollbackWithAnAuditTrailAndAliasHistory() {
    String id = create("v1");
    String pilot = "/pilots/" + id;

    lead()
        .body("{\"role\":\"ml_lead\"}")
        .post(pilot + "/approvals")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("state", equalTo("DRAFT"))
        .body("allowed_actions", equalTo(List.of("FAIL", "VALIDATE")));

    engineer()
        .body("{}")
        .post(pilot + "/validation")
        .then()
        .statusCode(200)
        .body("state", equalTo("VALIDATED"))
        .body("validation.passed", equalTo(true))
        .body("validation.records_scanned", equalTo(3))
        .body("validation.dataset_checksum", equalTo(sha256("aa11")));

    // the step starts the run and answers 202; the run poller records the baseline once it ends
    engineer()
        .body("{}")
        .post(pilot + "/baseline")
        .then()
        .statusCode(202)
        .body("state", equalTo("BASELINE_RUNNING"))
        .body("claim.run_id", equalTo("run-base"));
    PilotSteps.awaitState(id, "BASELINE_RECORDED");
    viewer()
        .get(pilot)
        .then()
        .statusCode(200)
        .body("baseline_run.run_id", equalTo("run-base"))
        .body("baseline_run.metrics.coverage", equalTo(0.88f))
        .body("baseline_run.judge_model", equalTo("reference"))
        .body("baseline_run.prompt_version", equalTo("benchmark-2025-11-v1"))
        .body("baseline_run.dataset_version", equalTo("v1"))
        .body("baseline_run.error_share", equalTo(0.0f))
        .body("baseline_run.outcome", equalTo("PASS"));

    // the initiator's own token, even with the role, cannot approve
    as(PilotSteps.ENGINEER, Roles.ML_ENGINEER, Roles.ML_LEAD)
        .body("{\"role\":\"ml_lead\"}")
        .post(pilot + "/approvals")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("rule", equalTo("initiator-cannot-approve"))
        .body("detail", containsString("cannot approve"));
    lead()
        .body("{\"role\":\"ml_lead\",\"comment\":\"Датасет проверен\"}")
        .post(pilot + "/approvals")
        .then()
        .statusCode(200)
        .body("state", equalTo("BASELINE_RECORDED"));
    as("other-lead", Roles.ML_LEAD)
        .body("{\"role\":\"ml_lead\"}")
        .post(pilot + "/approvals")
        .then()
        .statusCode(400);
    owner()
        .body("{\"role\":\"operations_owner\"}")
        .post(pilot + "/approvals")
        .then()
        .statusCode(200)
        .body("state", equalTo("APPROVED"));

    engineer()
        .body("{\"provider\":\"openai\"}")
        .post(pilot + "/training")
        .then()
        .statusCode(400)
        .body("field", equalTo("provider"))
        .body("rule", equalTo("unavailable"));
    engineer()
        .body("{}")
        .post(pilot + "/training")
        .then()
        .statusCode(200)
        .body("state", equalTo("TRAINING"))
        .body("job.provider", equalTo("external"));
    String trainingFile =
        engineer().get(pilot + "/training-file").then().statusCode(200).extract().asString();
    assertEquals(3, trainingFile.lines().count());
    assertEquals(
        true,
        trainingFile
            .lines()
            .findFirst()
            .orElseThrow()
            .contains("\"role\":\"assistant\",\"content\":\"- **Итог**: кратко.\""));

    operator()
        .body("{\"model\":\"qwen-7b-ft-ru-digest-stage05-v1\"}")
        .post(pilot + "/trained-model")
        .then()
        .statusCode(200)
        .body("state", equalTo("TRAINED"));
    engineer()
        .body("{}")
        .post(pilot + "/evaluation")
        .then()
        .statusCode(202)
        .body("state", equalTo("EVALUATING"))
        .body("claim.run_id", equalTo("run-cand"));
    PilotSteps.awaitState(id, "EVALUATED");
    viewer()
        .get(pilot)
        .then()
        .statusCode(200)
        .body("evaluation_run.run_id", equalTo("run-cand"))
        .body("evaluation_run.model", equalTo("qwen-7b-ft-ru-digest-stage05-v1"));

    lead()
        .body(
            "{\"go\":true,\"reason\":\"лучше базовой\",\"samples_read\":[\"s-1\",\"s-2\",\"s-3\",\"s-4\"]}")
        .post(pilot + "/decision")
        .then()
        .statusCode(400)
        .body("field", equalTo("samples_read"));
    lead()
        .body(
            "{\"go\":true,\"reason\":\"Кандидат лучше базовой модели\",\"samples_read\":[\"s-1\",\"s-2\",\"s-3\",\"s-4\",\"s-5\"]}")
        .post(pilot + "/decision")
        .then()
        .statusCode(200)
        .body("state", equalTo("DECIDED"))
        .body("decision.proposal", equalTo("go"))
        .body("decision.decided_by_rule", equalTo("all-rules-pass"))
        .body("decision.overrides_rule", equalTo(false));

    owner()
        .body("{\"reason\":\"релиз 2026-11\"}")
        .post(pilot + "/promotion")
        .then()
        .statusCode(200)
        .body("state", equalTo("PROMOTED"));
    viewer()
        .get("/aliases/channel_digest_ru")
        .then()
        .statusCode(200)
        .body("champion.model", equalTo("qwen-7b-ft-ru-digest-stage05-v1"))
        .body("challenger.model", equalTo("qwen-7b"));
    Instant promoted = Instant.now();
    sleep();

    // champion moves back at once (ROLLED_BACK); the recovery run that confirms it is followed by
    // the run poller, like the baseline
    owner()
        .body("{\"reason\":\"рост ошибок\"}")
        .post(pilot + "/rollback")
        .then()
        .statusCode(202)
        .body("state", equalTo("ROLLED_BACK"))
        .body("rollback.recovery_run.pending", equalTo(true))
        .body("rollback.recovery_run.run_id", equalTo("run-base"));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () -> PilotSteps.pilot(id).getString("rollback.recovery_run.status"),
            equalTo("COMPLETED"));
    viewer()
        .get(pilot)
        .then()
        .statusCode(200)
        .body("state", equalTo("ROLLED_BACK"))
        .body("rollback.recovery_run.run_id", equalTo("run-base"))
        .body("rollback.recovery_run.model", equalTo("qwen-7b"))
        .body("rollback.recovery_run.pending", org.hamcrest.Matchers.nullValue());
    viewer()
        .get("/aliases/channel_digest_ru/champion")
        .then()
        .statusCode(200)
        .body("model", equalTo("qwen-7b"));
    viewer()
        .queryParam("at", promoted.toString())
        .get("/aliases/channel_digest_ru/champion")
        .then()
        .statusCode(200)
        .body("model", equalTo("qwen-7b-ft-ru-digest-stage05-v1"))
        .body("pilot_id", equalTo(id));
    viewer()
        .queryParam("at", "2000-01-01T00:00:00Z")
        .get("/aliases/channel_digest_ru/champion")
        .then()
        .statusCode(404);
    viewer()
        .queryParam("at", "yesterday")
        .get("/aliases/channel_digest_ru/champion")
        .then()
        .statusCode(400)
        .body("field", equalTo("at"));

    viewer()
        .get(pilot + "/audit")
        .then()
        .statusCode(200)
        .body(
            "action",
            hasItems(
                "CREATE",
                "VALIDATE",
                "RECORD_BASELINE",
                "APPROVE",
                "START_TRAINING",
                "COMPLETE_TRAINING",
                "EVALUATE",
                "DECIDE",
                "PROMOTE",
                "ROLL_BACK"))
        // training, promotion and rollback each claim the pilot before their side effects
        // (SUBMITTING, PROMOTING, ROLLING_BACK) and then settle: two entries each; baseline and
        // evaluation claim (BASELINE_RUNNING, EVALUATING), record their run's id and settle: three
        // each; the rollback's recovery run adds its id and then its result: two
        .body("size()", equalTo(20))
        .body(
            "to",
            hasItems("SUBMITTING", "PROMOTING", "ROLLING_BACK", "BASELINE_RUNNING", "EVALUATING"))
        .body("findAll { it.action == 'RECORD_BASELINE' }.details.run_id", hasItems("run-base"))
        .body("actor", hasItems("benchmark-run-poller"));
    viewer()
        .get(pilot + "/report")
        .then()
        .statusCode(200)
        .body(containsString("Rule proposal: **go**"))
        .body(containsString("ML_LEAD: ml-lead"))
        .body(containsString("| coverage | 0.8800 | 0.9200 | +0.0400 |"))
        .body(containsString("`champion` -> `qwen-7b`"))
        .body(containsString("Confirmed: **GO** by ml-lead"));

    owner()
        .body("{\"reason\":\"again\"}")
        .post(pilot + "/rollback")
        .then()
        .statusCode(409)
        .body("state", equalTo("ROLLED_BACK"))
        .body("allowed_actions", equalTo(List.of()));

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("pilot_pilots{state=\"ROLLED_BACK\"}"))
        .body(containsString("pilot_transitions_total{action=\"PROMOTE\",to=\"PROMOTED\"}"))
        .body(
            containsString(
                "pilot_alias_changes_total{alias=\"champion\",scenario=\"channel_digest_ru\"}"));
  }

  @Test
  void aCandidateJudgedByAnotherJudgeThanItsBaselineIsNoGoAndCannotBePromoted() {
    // tried by a user: the baseline judged by reference, the candidate by llm, "go", promoted
    stub.stubFor(
        post("/runs")
            .withRequestBody(containing("candidate_model"))
            .withRequestBody(matchingJsonPath("$.judge", WireMock.equalTo("llm")))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"run_id\":\"run-cand-llm\"}")));
    stub.stubFor(
        get("/runs/run-cand-llm")
            .willReturn(
                okJson(
                    PilotStubs.run("run-cand-llm", "llm", "gpt-4o", 0.95, 0.95, 0.9, 0.9, 190))));
    String id = PilotSteps.trained();
    String pilot = "/pilots/" + id;
    PilotSteps.runStep(id, "evaluation", "{\"judge\":\"llm\"}", "EVALUATING", "EVALUATED");
    viewer()
        .get(pilot)
        .then()
        .statusCode(200)
        .body("evaluation_run.judge", equalTo("llm"))
        .body("evaluation_run.judge_model", equalTo("gpt-4o"));
    String decision =
        "{\"go\":%s,\"reason\":\"Кандидат лучше\","
            + "\"samples_read\":[\"s-1\",\"s-2\",\"s-3\",\"s-4\",\"s-5\"]}";
    lead()
        .body(String.format(decision, true))
        .post(pilot + "/decision")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("go"))
        .body("rule", equalTo("comparable:judge"));
    lead()
        .body(String.format(decision, false))
        .post(pilot + "/decision")
        .then()
        .statusCode(200)
        .body("state", equalTo("DECIDED"))
        .body("decision.proposal", equalTo("no-go"))
        .body("decision.decided_by_rule", equalTo("comparable:judge"))
        .body("decision.overrides_rule", equalTo(false));
    owner()
        .body("{\"reason\":\"релиз\"}")
        .post(pilot + "/promotion")
        .then()
        .statusCode(409)
        .body("state", equalTo("DECIDED"));
    viewer()
        .get("/aliases/channel_digest_ru")
        .then()
        .statusCode(200)
        .body("history.findAll { it.pilot_id == '" + id + "' }", empty());
  }

  @Test
  void theTrainingFileIsServedOnlyForAValidatedAndApprovedPilot() {
    String pii = create("pii");
    PilotSteps.step(PilotSteps.engineer(), pii, "validation", "{}", "DRAFT");
    engineer()
        .get("/pilots/" + pii + "/training-file")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("state", equalTo("DRAFT"))
        .body("rule", equalTo("validated-and-approved"));

    String id = PilotSteps.baselineRecorded();
    String file = "/pilots/" + id + "/training-file";
    engineer().get(file).then().statusCode(409).body("state", equalTo("BASELINE_RECORDED"));
    PilotSteps.step(
        PilotSteps.lead(), id, "approvals", "{\"role\":\"ml_lead\"}", "BASELINE_RECORDED");
    engineer()
        .get(file)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("ML_LEAD"));
    PilotSteps.step(
        PilotSteps.owner(), id, "approvals", "{\"role\":\"operations_owner\"}", "APPROVED");
    assertEquals(
        3, engineer().get(file).then().statusCode(200).extract().asString().lines().count());
  }

  @Test
  void personalDataBlocksThePilotAndIsReportedWithSampleIds() {
    String id = create("pii");
    engineer()
        .body("{}")
        .post("/pilots/" + id + "/validation")
        .then()
        .statusCode(200)
        .body("state", equalTo("DRAFT"))
        .body("validation.passed", equalTo(false))
        .body("validation.personal_data[0].sample_id", equalTo("s-9"))
        .body("validation.personal_data[0].kind", equalTo("email"))
        .body("validation.personal_data[0].masked", equalTo("iv" + "*".repeat(15) + "ru"));
    engineer()
        .body("{}")
        .post("/pilots/" + id + "/baseline")
        .then()
        .statusCode(409)
        .body("allowed_actions", equalTo(List.of("FAIL", "VALIDATE")));
  }

  @Test
  void invalidPilotsAre400NamingTheField() {
    engineer()
        .body("{\"scenario\":\"nope\",\"candidate_name\":\"c\"}")
        .post("/pilots")
        .then()
        .statusCode(400)
        .body("field", equalTo("scenario"))
        .body("rule", equalTo("enum"));
    engineer()
        .body("{\"scenario\":\"channel_digest_ru\"}")
        .post("/pilots")
        .then()
        .statusCode(400)
        .body("field", equalTo("candidate_name"));
    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"candidate_name\":\"c\",\"training\":{\"epochs\":0}}")
        .post("/pilots")
        .then()
        .statusCode(400)
        .body("field", equalTo("training.epochs"));
    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"candidate_name\":\"c\",\"training\":{\"epochs\":1000000}}")
        .post("/pilots")
        .then()
        .statusCode(400)
        .body("field", equalTo("training.epochs"))
        .body("rule", equalTo("range"));
    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"candidate_name\":\"c\",\"training\":{\"epochs\":1.5}}")
        .post("/pilots")
        .then()
        .statusCode(400)
        .body("field", equalTo("training.epochs"))
        .body("rule", equalTo("type"));
    stub.stubFor(get(DATASET + "/versions/gone").willReturn(aResponse().withStatus(404)));
    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"dataset_version\":\"gone\",\"candidate_name\":\"c\"}")
        .post("/pilots")
        .then()
        .statusCode(400)
        .body("field", equalTo("dataset_version"))
        .body("rule", equalTo("exists"));
  }

  /** Row 16: an exporter that fails while a pilot is created was a 500; a version is encoded. */
  @Test
  void anExporterFailingIsA502AndAVersionIdStaysOneUrlSegment() {
    // unencoded, the version would be read as path /a/b and query c: another resource
    stub.stubFor(
        get(DATASET + "/versions/a%2Fb%3Fc")
            .willReturn(
                okJson(
                    "{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\"a/b?c\",\"record_count\":3}")));
    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"dataset_version\":\"a/b?c\",\"candidate_name\":\"c\"}")
        .post("/pilots")
        .then()
        .statusCode(201)
        .body("dataset_version", equalTo("a/b?c"));
    stub.stubFor(
        get(DATASET + "/versions/broken")
            .willReturn(
                aResponse()
                    .withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"dataset_version\":\"broken\",\"candidate_name\":\"c\"}")
        .post("/pilots")
        .then()
        .statusCode(502)
        .contentType("application/problem+json");
  }

  /** Issue 8: an exporter answering an error (not failing to answer) was a 500 too. */
  @Test
  void anExporterAnsweringAnErrorIsA502ProblemAndNothingChanges() {
    stub.stubFor(get(DATASET + "/versions/unavailable").willReturn(PilotStubs.unavailable()));
    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"dataset_version\":\"unavailable\",\"candidate_name\":\"c\"}")
        .post("/pilots")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("detail", containsString("HTTP 503"));

    PilotStubs.versionWithBaselineRun(stub, "unvalidated", "run-unvalidated");
    stub.stubFor(
        post("/validations")
            .withRequestBody(matchingJsonPath("$.version", WireMock.equalTo("unvalidated")))
            .atPriority(1)
            .willReturn(PilotStubs.unavailable()));
    String id = create("unvalidated");
    engineer()
        .body("{}")
        .post("/pilots/" + id + "/validation")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("detail", containsString("HTTP 503"));
    viewer().get("/pilots/" + id).then().statusCode(200).body("state", equalTo("DRAFT"));
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
