package io.butlerbench.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.butlerbench.benchmark.BenchmarkApi.authorised;
import static io.butlerbench.benchmark.BenchmarkApi.publish;
import static io.butlerbench.benchmark.BenchmarkApi.runToCompletion;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Who may do what (issue 9): roles declared on the resources decide, and the actor of a blessing is
 * the token's subject, never a body field. Calls to the exporter carry this service's own token.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class BenchmarkRolesTest {
  static final String DRY_RUN = "{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}";
  static final ObjectMapper JSON = new ObjectMapper();

  @InjectStub WireMockServer stub;
  @Inject MongoDatabase database;

  @ConfigProperty(name = "butler.service-token")
  String serviceToken;

  static RequestSpecification as(String subject, String role) {
    return given().header("Authorization", TestTokens.bearer(subject, role));
  }

  static String unique(String prefix) {
    return prefix + "-" + System.nanoTime();
  }

  Document baselinePointer() {
    return database.getCollection("baselines").find(Filters.eq("_id", "channel_digest_ru")).first();
  }

  @Test
  void aViewerCannotStartARun() {
    publish(stub, "role1");
    long before = database.getCollection("runs").countDocuments();
    as("victor", "viewer")
        .contentType(ContentType.JSON)
        .body(DRY_RUN)
        .post("/runs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
    assertEquals(before, database.getCollection("runs").countDocuments(), "no run was recorded");
  }

  @Test
  void anMlEngineerAndAServiceMayStartARun() {
    publish(stub, "role2");
    for (String role : List.of("ml_engineer", "service")) {
      as(unique(role), role)
          .contentType(ContentType.JSON)
          .body(DRY_RUN)
          .post("/runs")
          .then()
          .statusCode(202);
    }
  }

  @Test
  void anMlEngineerCannotBlessABaseline() {
    publish(stub, "role3");
    String runId = runToCompletion(DRY_RUN).getString("run_id");
    Document before = baselinePointer();
    as("erin", "ml_engineer")
        .post("/runs/" + runId + "/baseline")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertEquals(before, baselinePointer(), "the baseline did not move");
  }

  @Test
  void anMlEngineerOrAViewerCannotResumeARun() {
    for (String role : List.of("ml_engineer", "viewer", "ml_lead")) {
      as(unique(role), role)
          .post("/runs/no-such-run/resume")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
  }

  @Test
  void aBlessingRecordsTheTokensSubjectAndNoBodyFieldChangesIt() {
    publish(stub, "role4");
    String runId = runToCompletion(DRY_RUN).getString("run_id");
    String lead = unique("lead");
    as(lead, "ml_lead")
        .contentType(ContentType.JSON)
        .body("{\"blessed_by\":\"someone-else\",\"actor\":\"someone-else\"}")
        .post("/runs/" + runId + "/baseline")
        .then()
        .statusCode(200)
        .body("baseline", equalTo(true))
        .body("blessed_by", equalTo(lead));
    Document pointer = baselinePointer();
    assertEquals(runId, pointer.getString("run_id"));
    assertEquals(lead, pointer.getString("blessed_by"));
    authorised().get("/runs/" + runId).then().statusCode(200).body("blessed_by", equalTo(lead));

    String operator = unique("operator");
    as(operator, "operator")
        .post("/runs/" + runId + "/baseline")
        .then()
        .statusCode(200)
        .body("blessed_by", equalTo(operator));
    assertEquals(operator, baselinePointer().getString("blessed_by"));
  }

  @Test
  void theExporterIsAskedWithThisServicesOwnTokenNeverTheCallers() throws Exception {
    publish(stub, "role5");
    stub.resetRequests();
    String callersToken = TestTokens.token(unique("operator"), "operator");
    String location =
        given()
            .header("Authorization", "Bearer " + callersToken)
            .contentType(ContentType.JSON)
            .body(DRY_RUN)
            .post("/runs")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    BenchmarkApi.awaitEnd(location);
    List<LoggedRequest> asked = stub.findAll(anyRequestedFor(urlPathMatching("/datasets/.*")));
    assertFalse(asked.isEmpty(), "the run read its dataset from the exporter");
    for (LoggedRequest request : asked) {
      String authorization = request.getHeader("Authorization");
      // compared, never printed: a failing test shows no token
      assertFalse(
          ("Bearer " + callersToken).equals(authorization),
          request.getUrl() + " was asked with the caller's token");
      assertTrue(
          ("Bearer " + serviceToken).equals(authorization),
          request.getUrl() + " was not asked with this service's token");
    }
    String payload = serviceToken.split("\\.")[1];
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
    assertEquals("test-service", claims.path("sub").asText());
    assertEquals("service", claims.path("groups").path(0).asText());
  }
}
