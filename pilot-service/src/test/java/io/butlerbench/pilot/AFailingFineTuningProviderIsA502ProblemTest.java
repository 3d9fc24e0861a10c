package io.butlerbench.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.butlerbench.pilot.PilotSteps.engineer;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a fine-tuning provider that failed while training was submitted was a 500. It is the
 * provider's failure, a 502 problem (504 when it did not answer in time, see {@code
 * FineTuningProviderTest}), and the pilot is back in APPROVED for the step to be asked again.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs =
        @ResourceArg(
            name = "urls",
            value = "pilot.exporter-url,pilot.benchmark-url,pilot.fine-tuning.url"))
class AFailingFineTuningProviderIsA502ProblemTest {
  @InjectStub WireMockServer stub;

  @BeforeEach
  void services() {
    PilotStubs.exporterAndBenchmark(stub);
    stub.stubFor(post("/v1/files").willReturn(okJson("{\"id\":\"file-abc\",\"object\":\"file\"}")));
    stub.stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs"))
            .willReturn(okJson("{\"object\":\"list\",\"data\":[],\"has_more\":false}")));
    stub.stubFor(
        post("/v1/fine_tuning/jobs")
            .willReturn(okJson("{\"id\":\"ftjob-1\",\"status\":\"validating_files\"}")));
    // what the scheduled poller sees of the job meanwhile
    stub.stubFor(
        get("/v1/fine_tuning/jobs/ftjob-1")
            .willReturn(okJson("{\"id\":\"ftjob-1\",\"status\":\"running\"}")));
  }

  @Test
  void aFineTuningProviderAnswering500IsA502ProblemAndTheStepCanBeRetried() {
    String id = PilotSteps.approved();
    StubMapping failing =
        stub.stubFor(
            post("/v1/fine_tuning/jobs")
                .withRequestBody(matchingJsonPath("$.metadata.pilot_id", equalTo(id)))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":{\"message\":\"The server had an error while processing"
                                + " your request\"}}")));
    String training = "{\"provider\":\"openai\"}";

    engineer()
        .body(training)
        .post("/pilots/" + id + "/training")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("detail", containsString("HTTP 500"));
    JsonPath pilot = PilotSteps.pilot(id);
    assertEquals("APPROVED", pilot.getString("state"));
    assertNull(pilot.get("claim"));
    assertEquals("START_TRAINING", pilot.getString("released_claim.action"));

    stub.removeStub(failing);
    PilotSteps.step(engineer(), id, "training", training, "TRAINING");
    assertEquals("ftjob-1", PilotSteps.pilot(id).getString("job.job_id"));
  }
}
