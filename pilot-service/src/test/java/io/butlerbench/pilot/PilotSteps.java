package io.butlerbench.pilot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.butlerbench.service.security.Roles;
import io.butlerbench.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.awaitility.Awaitility;

/** The pilot's steps over HTTP, each walking a new pilot one state further with the stubs. */
final class PilotSteps {
  private PilotSteps() {}

  /** The initiator: prepares the plan and runs the jobs. */
  static final String ENGINEER = "ml-engineer";

  /** Approves as ML lead and decides go or no-go. */
  static final String LEAD = "ml-lead";

  /** Approves as operations owner, promotes and rolls back. */
  static final String OWNER = "ops-owner";

  /** Registers the model the external provider trained. */
  static final String OPERATOR = "gpu-operator";

  /** A request as {@code subject} holding {@code roles}, with a token signed for the test. */
  static RequestSpecification as(String subject, String... roles) {
    return given()
        .header("Authorization", TestTokens.bearer(subject, roles))
        .contentType(ContentType.JSON);
  }

  static RequestSpecification engineer() {
    return as(ENGINEER, Roles.ML_ENGINEER);
  }

  static RequestSpecification lead() {
    return as(LEAD, Roles.ML_LEAD);
  }

  static RequestSpecification owner() {
    return as(OWNER, Roles.OPERATIONS_OWNER);
  }

  static RequestSpecification operator() {
    return as(OPERATOR, Roles.OPERATOR);
  }

  /** Reads, changes nothing. */
  static RequestSpecification viewer() {
    return as("viewer", Roles.VIEWER);
  }

  static String create(String version) {
    return engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"dataset_version\":\""
                + version
                + "\",\"candidate_name\":\"qwen-7b-ft-ru-digest-stage05\","
                + "\"training\":{\"epochs\":1,\"batch_size\":4,\"learning_rate\":2e-5}}")
        .post("/pilots")
        .then()
        .statusCode(201)
        .body("state", equalTo("DRAFT"))
        .body("training.optimizer", equalTo("AdamW"))
        .body("training.max_input_tokens", equalTo(1024))
        .extract()
        .path("pilot_id");
  }

  static void step(RequestSpecification who, String id, String step, String body, String state) {
    who.body(body)
        .post("/pilots/" + id + "/" + step)
        .then()
        .statusCode(200)
        .body("state", equalTo(state));
  }

  /**
   * A step that starts a benchmark run (baseline, evaluation): answered 202 with the pilot waiting
   * in {@code waiting}, then moved on to {@code state} by the run poller once the run completed.
   */
  static JsonPath runStep(String id, String step, String body, String waiting, String state) {
    engineer()
        .body(body)
        .post("/pilots/" + id + "/" + step)
        .then()
        .statusCode(202)
        .body("state", equalTo(waiting));
    return awaitState(id, state);
  }

  /** The pilot once it is in {@code state}: what the scheduled pollers moved it to. */
  static JsonPath awaitState(String id, String state) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> pilot(id).getString("state"), equalTo(state));
    return pilot(id);
  }

  static JsonPath pilot(String id) {
    return viewer().get("/pilots/" + id).then().statusCode(200).extract().jsonPath();
  }

  static String baselineRecorded() {
    String id = create("v1");
    step(engineer(), id, "validation", "{}", "VALIDATED");
    runStep(id, "baseline", "{}", "BASELINE_RUNNING", "BASELINE_RECORDED");
    return id;
  }

  static String approved() {
    String id = baselineRecorded();
    step(lead(), id, "approvals", "{\"role\":\"ml_lead\"}", "BASELINE_RECORDED");
    step(owner(), id, "approvals", "{\"role\":\"operations_owner\"}", "APPROVED");
    return id;
  }

  /** Training started on the external provider, waiting for the operator to register the model. */
  static void training(String id) {
    step(engineer(), id, "training", "{\"provider\":\"external\"}", "TRAINING");
  }

  /** Trained on the external provider; the trained model is named after the pilot. */
  static String trained() {
    String id = approved();
    training(id);
    step(operator(), id, "trained-model", "{\"model\":\"" + model(id) + "\"}", "TRAINED");
    return id;
  }

  /** The trained model evaluated (run {@code run-cand}): waiting for the go/no-go. */
  static String evaluated() {
    String id = trained();
    runStep(id, "evaluation", "{}", "EVALUATING", "EVALUATED");
    return id;
  }

  /** Decided go by the rule and a person who read 5 samples of the evaluation run. */
  static String decidedGo() {
    String id = evaluated();
    step(
        lead(),
        id,
        "decision",
        "{\"go\":true,\"reason\":\"лучше\",\"samples_read\":[\"s-1\",\"s-2\",\"s-3\",\"s-4\",\"s-5\"]}",
        "DECIDED");
    return id;
  }

  static String promoted() {
    String id = decidedGo();
    step(owner(), id, "promotion", "{\"reason\":\"релиз\"}", "PROMOTED");
    return id;
  }

  static String model(String id) {
    return "qwen-7b-ft-" + id;
  }
}
