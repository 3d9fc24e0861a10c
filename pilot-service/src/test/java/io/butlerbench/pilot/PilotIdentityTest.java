package io.butlerbench.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.butlerbench.pilot.PilotSteps.ENGINEER;
import static io.butlerbench.pilot.PilotSteps.LEAD;
import static io.butlerbench.pilot.PilotSteps.OPERATOR;
import static io.butlerbench.pilot.PilotSteps.OWNER;
import static io.butlerbench.pilot.PilotSteps.as;
import static io.butlerbench.pilot.PilotSteps.engineer;
import static io.butlerbench.pilot.PilotSteps.lead;
import static io.butlerbench.pilot.PilotSteps.operator;
import static io.butlerbench.pilot.PilotSteps.owner;
import static io.butlerbench.pilot.PilotSteps.viewer;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.butlerbench.service.security.Roles;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: who acted is the subject of a signed token, never a body field; the two-person rule
 * compares subjects and a person holds one role per pilot; each step declares the roles it needs;
 * the samples a decider says they read are the ones the benchmark served them.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "pilot.exporter-url,pilot.benchmark-url"))
class PilotIdentityTest {
  static final String PROBLEM = "application/problem+json";
  static final String FIVE = "[\"s-1\",\"s-2\",\"s-3\",\"s-4\",\"s-5\"]";

  @InjectStub WireMockServer stub;

  @BeforeEach
  void services() {
    PilotStubs.exporterAndBenchmark(stub);
  }

  static JsonPath audit(String id) {
    return viewer().get("/pilots/" + id + "/audit").then().statusCode(200).extract().jsonPath();
  }

  /** The initiator's token holding the ML lead's role too, as a careless issuer might mint it. */
  static RequestSpecification initiatorAsLead() {
    return as(ENGINEER, Roles.ML_ENGINEER, Roles.ML_LEAD);
  }

  @Test
  void theInitiatorCannotApproveWhateverTheBodySays() {
    String id = PilotSteps.baselineRecorded();
    String approvals = "/pilots/" + id + "/approvals";

    initiatorAsLead()
        .body("{\"role\":\"ml_lead\"}")
        .post(approvals)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("rule", equalTo("initiator-cannot-approve"))
        .body("state", equalTo("BASELINE_RECORDED"))
        .body("detail", containsString("cannot approve"));
    // the approver is never a body field: naming someone else (however spelled) is refused
    for (String person : List.of("ml-lead", "ml-engineer ", " ml-engineer", "ML-Engineer")) {
      initiatorAsLead()
          .body("{\"role\":\"ml_lead\",\"person\":\"" + person + "\"}")
          .post(approvals)
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("field", equalTo("person"))
          .body("rule", equalTo("unknown-field"));
    }
    lead()
        .body("{\"role\":\"ml_lead\",\"person\":\"someone-else\"}")
        .post(approvals)
        .then()
        .statusCode(400)
        .body("field", equalTo("person"));

    JsonPath pilot = PilotSteps.pilot(id);
    assertEquals(List.of(), pilot.getList("approvals"));
    assertEquals("BASELINE_RECORDED", pilot.getString("state"));
    assertEquals(List.of(), audit(id).getList("findAll { it.action == 'APPROVE' }"));
  }

  @Test
  void aPersonWhoApprovedAsMlLeadCannotApproveAgainAsOperationsOwner() {
    String id = PilotSteps.baselineRecorded();
    String approvals = "/pilots/" + id + "/approvals";
    Supplier<RequestSpecification> both =
        () -> as("lead-and-owner", Roles.ML_LEAD, Roles.OPERATIONS_OWNER);

    both.get()
        .body("{\"role\":\"ml_lead\"}")
        .post(approvals)
        .then()
        .statusCode(200)
        .body("state", equalTo("BASELINE_RECORDED"));
    both.get()
        .body("{\"role\":\"operations_owner\",\"comment\":\"и за себя, и за того парня\"}")
        .post(approvals)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("rule", equalTo("one-role-per-person"))
        .body("state", equalTo("BASELINE_RECORDED"));

    JsonPath pilot = PilotSteps.pilot(id);
    assertEquals(List.of("lead-and-owner"), pilot.getList("approvals.person"));
    assertEquals("BASELINE_RECORDED", pilot.getString("state"));
    PilotSteps.step(owner(), id, "approvals", "{\"role\":\"operations_owner\"}", "APPROVED");
  }

  @Test
  void aBodyFieldNamingSomeoneElseChangesNoActor() {
    String id = PilotSteps.create("v1");
    String pilot = "/pilots/" + id;
    assertEquals(List.of(ENGINEER), audit(id).getList("actor"));

    engineer()
        .body("{\"by\":\"ml-lead\"}")
        .post(pilot + "/validation")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("by"))
        .body("rule", equalTo("unknown-field"));
    assertEquals(List.of(ENGINEER), audit(id).getList("actor"));
    assertEquals("DRAFT", PilotSteps.pilot(id).getString("state"));

    engineer()
        .body(
            "{\"scenario\":\"channel_digest_ru\",\"candidate_name\":\"c\",\"initiator\":\"ml-lead\"}")
        .post("/pilots")
        .then()
        .statusCode(400)
        .body("field", equalTo("initiator"))
        .body("rule", equalTo("unknown-field"));

    engineer().body("{}").post(pilot + "/validation").then().statusCode(200);
    JsonPath trail = audit(id);
    assertEquals(List.of(ENGINEER, ENGINEER), trail.getList("actor"));
    assertEquals(List.of("CREATE", "VALIDATE"), trail.getList("action"));
    assertEquals(ENGINEER, PilotSteps.pilot(id).getString("initiator"));
  }

  /**
   * The system acts under fixed names in the audit (the run poller, the training poller, claim
   * recovery); a token naming one of them as its subject must not act, or a person could pass their
   * step off as the system's.
   */
  @Test
  void aTokenWhoseSubjectIsASystemActorActsOnNothing() {
    String id = PilotSteps.baselineRecorded();
    int before = audit(id).getList("action").size();
    for (String system :
        List.of("benchmark-run-poller", "fine-tuning-provider", "claim-recovery")) {
      as(system, Roles.ML_ENGINEER)
          .body("{\"scenario\":\"channel_digest_ru\",\"candidate_name\":\"c\"}")
          .post("/pilots")
          .then()
          .statusCode(403)
          .contentType(PROBLEM)
          .body("rule", equalTo("reserved-subject"));
      as(system, Roles.ML_LEAD)
          .body("{\"role\":\"ml_lead\"}")
          .post("/pilots/" + id + "/approvals")
          .then()
          .statusCode(403)
          .body("rule", equalTo("reserved-subject"));
    }
    assertEquals(before, audit(id).getList("action").size());
    assertEquals(List.of(), PilotSteps.pilot(id).getList("approvals"));
  }

  @Test
  void aTokenWithoutTheRoleOfTheStepIsA403AndChangesNothing() {
    viewer()
        .body("{\"scenario\":\"channel_digest_ru\",\"candidate_name\":\"c\"}")
        .post("/pilots")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("status", equalTo(403));

    String id = PilotSteps.baselineRecorded();
    String pilot = "/pilots/" + id;
    int before = audit(id).getList("action").size();
    Map<String, RequestSpecification> refused =
        Map.ofEntries(
            Map.entry("approvals", engineer().body("{\"role\":\"ml_lead\"}")),
            Map.entry("validation", lead().body("{}")),
            Map.entry("baseline", owner().body("{}")),
            Map.entry("training", operator().body("{}")),
            Map.entry("trained-model", engineer().body("{\"model\":\"m\"}")),
            Map.entry("evaluation", viewer().body("{}")),
            Map.entry("decision", owner().body("{\"go\":true,\"reason\":\"r\"}")),
            Map.entry("promotion", lead().body("{\"reason\":\"r\"}")),
            Map.entry("rejection", engineer().body("{\"reason\":\"r\"}")),
            Map.entry("rollback", lead().body("{\"reason\":\"r\"}")),
            Map.entry("failure", as("svc", Roles.SERVICE).body("{\"reason\":\"r\"}")));
    refused.forEach(
        (step, request) ->
            assertEquals(
                403,
                request.post(pilot + "/" + step).then().contentType(PROBLEM).extract().statusCode(),
                step));
    viewer().get(pilot + "/training-file").then().statusCode(403).contentType(PROBLEM);

    assertEquals(before, audit(id).getList("action").size());
    assertEquals("BASELINE_RECORDED", PilotSteps.pilot(id).getString("state"));
    assertEquals(List.of(), PilotSteps.pilot(id).getList("approvals"));
    // every reader reads
    for (String role :
        List.of(
            Roles.VIEWER,
            Roles.OPERATOR,
            Roles.ML_ENGINEER,
            Roles.ML_LEAD,
            Roles.OPERATIONS_OWNER,
            Roles.SERVICE)) {
      for (String read :
          List.of("/pilots", pilot, pilot + "/audit", pilot + "/report", "/aliases/x")) {
        assertEquals(
            200, as("reader", role).get(read).then().extract().statusCode(), role + " " + read);
      }
    }
  }

  @Test
  void approvingWithARoleTheTokenDoesNotCarryIsA403() {
    String id = PilotSteps.baselineRecorded();
    lead()
        .body("{\"role\":\"operations_owner\"}")
        .post("/pilots/" + id + "/approvals")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("field", equalTo("role"))
        .body("rule", equalTo("role-not-held"));
    assertEquals(List.of(), PilotSteps.pilot(id).getList("approvals"));
  }

  @Test
  void samplesTheDeciderDidNotFetchAreA400AndThePilotStaysEvaluated() {
    String id = PilotSteps.evaluated();
    String decision = "/pilots/" + id + "/decision";
    // lead-3 fetched three of the five; the initiator fetched all five, which is not lead-3 reading
    PilotStubs.readBy(stub, "lead-3", "s-1", "s-2", "s-3");
    PilotStubs.readBy(stub, ENGINEER, "s-1", "s-2", "s-3", "s-4", "s-5");
    as("lead-3", Roles.ML_LEAD)
        .body("{\"go\":true,\"reason\":\"лучше\",\"samples_read\":" + FIVE + "}")
        .post(decision)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("samples_read"))
        .body("rule", equalTo("not-read"))
        .body("detail", allOf(containsString("s-4"), containsString("s-5")))
        .body("detail", not(containsString("s-1")));
    // the benchmark answering reads of someone else does not make them this decider's
    stub.stubFor(
        get(urlPathEqualTo("/runs/run-cand/reads"))
            .withQueryParam(
                "subject", com.github.tomakehurst.wiremock.client.WireMock.equalTo("lead-x"))
            .willReturn(okJson(PilotStubs.reads(ENGINEER, "s-1", "s-2", "s-3", "s-4", "s-5"))));
    as("lead-x", Roles.ML_LEAD)
        .body("{\"go\":true,\"reason\":\"лучше\",\"samples_read\":" + FIVE + "}")
        .post(decision)
        .then()
        .statusCode(400)
        .body("field", equalTo("samples_read"))
        .body("rule", equalTo("not-read"));
    // made-up samples, as in the issue
    lead()
        .body("{\"go\":true,\"reason\":\"лучше\",\"samples_read\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}")
        .post(decision)
        .then()
        .statusCode(400)
        .body("field", equalTo("samples_read"))
        .body("rule", equalTo("not-read"));
    // one sample named twice is still one sample
    lead()
        .body(
            "{\"go\":true,\"reason\":\"лучше\",\"samples_read\":[\"s-1\",\"s-1\",\"s-2\",\"s-3\",\"s-4\"]}")
        .post(decision)
        .then()
        .statusCode(400)
        .body("field", equalTo("samples_read"));

    JsonPath pilot = PilotSteps.pilot(id);
    assertEquals("EVALUATED", pilot.getString("state"));
    assertNull(pilot.get("decision"));
  }

  @Test
  void aSubjectIsOneQueryValueWhenTheReadsAreAskedFor() {
    String id = PilotSteps.evaluated();
    // unencoded, this subject would ask for ml-lead's reads (subject=lead&subject=ml-lead)
    as("lead&subject=ml-lead", Roles.ML_LEAD)
        .body("{\"go\":true,\"reason\":\"лучше\",\"samples_read\":" + FIVE + "}")
        .post("/pilots/" + id + "/decision")
        .then()
        .statusCode(400)
        .body("field", equalTo("samples_read"))
        .body("rule", equalTo("not-read"));
    stub.verify(
        getRequestedFor(urlPathEqualTo("/runs/run-cand/reads"))
            .withQueryParam(
                "subject",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("lead&subject=ml-lead")));
    assertEquals("EVALUATED", PilotSteps.pilot(id).getString("state"));
  }

  @Test
  void aBenchmarkFailingWhileTheReadsAreCheckedIsA502AndDecidesNothing() {
    String id = PilotSteps.evaluated();
    stub.stubFor(
        get(urlPathEqualTo("/runs/run-cand/reads"))
            .withQueryParam(
                "subject", com.github.tomakehurst.wiremock.client.WireMock.equalTo("lead-503"))
            .willReturn(PilotStubs.unavailable()));
    stub.stubFor(
        get(urlPathEqualTo("/runs/run-cand/reads"))
            .withQueryParam(
                "subject", com.github.tomakehurst.wiremock.client.WireMock.equalTo("lead-reset"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    for (String decider : List.of("lead-503", "lead-reset")) {
      as(decider, Roles.ML_LEAD)
          .body("{\"go\":true,\"reason\":\"лучше\",\"samples_read\":" + FIVE + "}")
          .post("/pilots/" + id + "/decision")
          .then()
          .statusCode(502)
          .contentType(PROBLEM);
    }
    JsonPath pilot = PilotSteps.pilot(id);
    assertEquals("EVALUATED", pilot.getString("state"));
    assertNull(pilot.get("decision"));
  }

  @Test
  void fiveFetchedSamplesAreRecordedWithWhenTheyWereReadAndReported() {
    String id = PilotSteps.evaluated();
    String decider = "lead-" + System.nanoTime();
    PilotStubs.readBy(stub, decider, "s-5", "s-4", "s-3", "s-2", "s-1", "s-6");
    as(decider, Roles.ML_LEAD)
        .body(
            "{\"go\":true,\"reason\":\"Кандидат лучше\",\"samples_read\":"
                + "[\"s-1\",\"s-2\",\"s-3\",\"s-4\",\"s-5\",\"s-1\"]}")
        .post("/pilots/" + id + "/decision")
        .then()
        .statusCode(200)
        .body("state", equalTo("DECIDED"))
        .body("decision.by", equalTo(decider))
        .body("decision.samples_read.size()", equalTo(5))
        .body("decision.samples_read[0].sample_id", equalTo("s-1"))
        .body("decision.samples_read[0].read_at", equalTo("2026-11-28T10:00:05Z"))
        .body("decision.samples_read[4].sample_id", equalTo("s-5"))
        .body("decision.samples_read[4].read_at", equalTo("2026-11-28T10:00:01Z"));
    viewer()
        .get("/pilots/" + id + "/report")
        .then()
        .statusCode(200)
        .body(containsString("Confirmed: **GO** by " + decider))
        .body(containsString("`s-1` read by " + decider + " at 2026-11-28T10:00:05Z"))
        .body(containsString("`s-5` read by " + decider + " at 2026-11-28T10:00:01Z"));
  }

  @Test
  void everyActorIsTheSubjectOfTheTokenTheTrainedModelsOperatorIncluded() {
    String id = PilotSteps.approved();
    PilotSteps.training(id);
    operator()
        .body("{\"model\":\"" + PilotSteps.model(id) + "\"}")
        .post("/pilots/" + id + "/trained-model")
        .then()
        .statusCode(200)
        .body("state", equalTo("TRAINED"));

    JsonPath trail = audit(id);
    assertEquals(
        List.of(OPERATOR), trail.getList("findAll { it.action == 'COMPLETE_TRAINING' }.actor"));
    assertEquals(List.of(ENGINEER), trail.getList("findAll { it.action == 'CREATE' }.actor"));
    assertEquals(List.of(LEAD, OWNER), trail.getList("findAll { it.action == 'APPROVE' }.actor"));
    assertEquals(
        List.of(ENGINEER, ENGINEER),
        trail.getList("findAll { it.action == 'START_TRAINING' }.actor"));
    assertEquals(List.of(LEAD, OWNER), PilotSteps.pilot(id).getList("approvals.person"));
  }
}
