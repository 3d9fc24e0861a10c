package io.butlerbench.benchmark;

import static io.butlerbench.benchmark.BenchmarkApi.authorised;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.contracts.run.RunSummary;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * A run on the wire is exactly {@link RunSummary}: read by a client that refuses unknown fields (as
 * the pilot does) and written back, it is the same JSON; and a field the run does not have is left
 * out, not null.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class RunWireFormatTest {
  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final ObjectMapper WRITER =
      STRICT
          .copy()
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @InjectStub WireMockServer stub;

  @Test
  void everyFieldOfAQueuedAndACompletedRunIsARunSummaryField() throws Exception {
    BenchmarkApi.publish(stub, "wire1");
    String queued =
        authorised()
            .contentType(ContentType.JSON)
            .body("{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}")
            .post("/runs")
            .then()
            .statusCode(202)
            .extract()
            .asString();
    assertRoundTrips(queued);
    assertFalse(STRICT.readTree(queued).has("candidate_model"), queued);

    String runId = STRICT.readTree(queued).path("run_id").asText();
    BenchmarkApi.awaitEnd("/runs/" + runId);
    authorised().post("/runs/" + runId + "/baseline").then().statusCode(200);
    String completed =
        authorised().get("/runs/" + runId).then().statusCode(200).extract().asString();
    assertRoundTrips(completed);
    JsonNode run = STRICT.readTree(completed);
    for (String field :
        new String[] {"metrics", "defect_breakdown", "outcome", "error_share", "blessed_by"}) {
      assertFalse(run.path(field).isMissingNode(), field + " in " + completed);
    }
  }

  private static void assertRoundTrips(String json) throws Exception {
    RunSummary summary = STRICT.readValue(json, RunSummary.class);
    String written = WRITER.writeValueAsString(summary);
    assertEquals(STRICT.readTree(json), STRICT.readTree(written), written);
  }
}
