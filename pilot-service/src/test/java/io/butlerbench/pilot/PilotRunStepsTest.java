package io.butlerbench.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.butlerbench.pilot.PilotSteps.engineer;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.service.security.Roles;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Baseline, evaluation and recovery runs answer 202 and are followed by the scheduled run poller;
 * the benchmark service briefly away (503) neither blocks nor fails the step. Each pilot here has
 * its own dataset version, so its runs are stubbed and counted apart from every other test's.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "pilot.exporter-url,pilot.benchmark-url"))
class PilotRunStepsTest {
  /** A step with nothing to choose: who takes it is the subject of the token. */
  static final String STEP = "{}";

  @InjectStub WireMockServer stub;

  @TestHTTPResource("/")
  URI root;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void services() {
    PilotStubs.exporterAndBenchmark(stub);
  }

  /** A validated pilot on dataset version {@code version}, whose baseline run is {@code runId}. */
  String validated(String version, String runId) {
    PilotStubs.versionWithBaselineRun(stub, version, runId);
    String id = PilotSteps.create(version);
    PilotSteps.step(PilotSteps.engineer(), id, "validation", STEP, "VALIDATED");
    return id;
  }

  @Test
  void aBaselineRunAnswering503WhilePolledIsFollowedUntilItCompletes() {
    String id = validated("flaky-poll", "run-flaky-poll");
    String scenario = "run-flaky-poll";
    String[] states = {STARTED, "503 twice", "503 once", "completed"};
    for (int i = 0; i < 3; i++) {
      stub.stubFor(
          get("/runs/run-flaky-poll")
              .inScenario(scenario)
              .whenScenarioStateIs(states[i])
              .willReturn(PilotStubs.unavailable())
              .willSetStateTo(states[i + 1]));
    }
    stub.stubFor(
        get("/runs/run-flaky-poll")
            .inScenario(scenario)
            .whenScenarioStateIs("completed")
            .willReturn(okJson(PilotStubs.completed("run-flaky-poll"))));

    engineer()
        .body(STEP)
        .post("/pilots/" + id + "/baseline")
        .then()
        .statusCode(202)
        .body("state", org.hamcrest.Matchers.equalTo("BASELINE_RUNNING"));

    JsonPath pilot = PilotSteps.awaitState(id, "BASELINE_RECORDED");
    assertEquals("run-flaky-poll", pilot.getString("baseline_run.run_id"));
    assertEquals("COMPLETED", pilot.getString("baseline_run.status"));
    assertEquals(0.88f, pilot.getFloat("baseline_run.metrics.coverage"));
    stub.verify(moreThanOrExactly(4), getRequestedFor(urlEqualTo("/runs/run-flaky-poll")));
  }

  @Test
  void aBaselineRequestAnswers202WhileItsRunIsStillRunning() throws Exception {
    String id = validated("slow", "run-slow");
    stub.stubFor(
        get("/runs/run-slow")
            .inScenario("run-slow")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson(PilotStubs.running("run-slow"))));
    stub.stubFor(
        get("/runs/run-slow")
            .inScenario("run-slow")
            .whenScenarioStateIs("completed")
            .willReturn(okJson(PilotStubs.completed("run-slow"))));

    // the run stays RUNNING until this test says otherwise: an answer at all is an early one
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(root.resolve("pilots/" + id + "/baseline"))
                .header("Authorization", TestTokens.bearer(PilotSteps.ENGINEER, Roles.ML_ENGINEER))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(STEP))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(202, answer.statusCode(), answer.body());
    JsonPath accepted = new JsonPath(answer.body());
    assertEquals("BASELINE_RUNNING", accepted.getString("state"));
    assertEquals("run-slow", accepted.getString("claim.run_id"));
    assertTrue(answer.headers().firstValue("Location").orElse("").endsWith("/pilots/" + id));

    // the poller sees the run going on and leaves the pilot waiting; nobody else acts meanwhile
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> stub.verify(moreThanOrExactly(2), getRequestedFor(urlEqualTo("/runs/run-slow"))));
    assertEquals("BASELINE_RUNNING", PilotSteps.pilot(id).getString("state"));
    engineer()
        .body(STEP)
        .post("/pilots/" + id + "/baseline")
        .then()
        .statusCode(409)
        .body("state", org.hamcrest.Matchers.equalTo("BASELINE_RUNNING"));
    engineer()
        .body("{\"reason\":\"передумали\"}")
        .post("/pilots/" + id + "/failure")
        .then()
        .statusCode(409);

    stub.setScenarioState("run-slow", "completed");
    JsonPath pilot = PilotSteps.awaitState(id, "BASELINE_RECORDED");
    assertEquals("run-slow", pilot.getString("baseline_run.run_id"));
    assertNull(pilot.get("claim"));
  }

  @Test
  void aBenchmarkThatIsAwayWhenTheRunIsStartedIsAskedAgainByThePoller() {
    String id = validated("flaky-start", "run-flaky-start");
    stub.stubFor(
        post("/runs")
            .withRequestBody(matchingJsonPath("$.dataset_version", equalTo("flaky-start")))
            .atPriority(1)
            .inScenario("flaky-start")
            .whenScenarioStateIs(STARTED)
            .willReturn(PilotStubs.unavailable())
            .willSetStateTo("back"));
    stub.stubFor(
        get("/runs/run-flaky-start").willReturn(okJson(PilotStubs.completed("run-flaky-start"))));

    engineer()
        .body(STEP)
        .post("/pilots/" + id + "/baseline")
        .then()
        .statusCode(202)
        .body("state", org.hamcrest.Matchers.equalTo("BASELINE_RUNNING"))
        .body("claim.start_error.reason", containsString("503"));

    JsonPath pilot = PilotSteps.awaitState(id, "BASELINE_RECORDED");
    assertEquals("run-flaky-start", pilot.getString("baseline_run.run_id"));
    stub.verify(
        2,
        postRequestedFor(urlEqualTo("/runs"))
            .withRequestBody(matchingJsonPath("$.dataset_version", equalTo("flaky-start"))));
  }

  @Test
  void aRunTheBenchmarkRefusesIsA400NamingTheFieldAndThePilotStaysValidated() {
    String id = validated("refused", "run-never");
    stub.stubFor(
        post("/runs")
            .withRequestBody(matchingJsonPath("$.dataset_version", equalTo("refused")))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        "{\"status\":400,\"field\":\"judge\",\"rule\":\"enum\","
                            + "\"detail\":\"judge must be dry-run, reference or llm\"}")));
    engineer()
        .body("{\"judge\":\"oracle\"}")
        .post("/pilots/" + id + "/baseline")
        .then()
        .statusCode(400)
        .body("field", org.hamcrest.Matchers.equalTo("judge"))
        .body("detail", containsString("judge must be"));
    JsonPath pilot = PilotSteps.pilot(id);
    assertEquals("VALIDATED", pilot.getString("state"));
    assertNull(pilot.get("claim"));
  }

  @Test
  void aBaselineRunThatFailsPutsThePilotBackWithTheBenchmarksReason() {
    String id = validated("failing", "run-failing");
    stub.stubFor(
        get("/runs/run-failing")
            .willReturn(
                okJson(
                    "{\"run_id\":\"run-failing\",\"status\":\"FAILED\","
                        + "\"reason\":\"the judge endpoint answered 500 to every sample\"}")));
    engineer().body(STEP).post("/pilots/" + id + "/baseline").then().statusCode(202);
    JsonPath pilot = PilotSteps.awaitState(id, "VALIDATED");
    assertEquals("RECORD_BASELINE", pilot.getString("released_claim.action"));
    assertTrue(
        pilot.getString("released_claim.reason").contains("run-failing ended FAILED"),
        pilot.getString("released_claim.reason"));
    assertTrue(
        pilot.getString("released_claim.reason").contains("answered 500 to every sample"),
        pilot.getString("released_claim.reason"));
    assertNull(pilot.get("baseline_run"));
  }
}
