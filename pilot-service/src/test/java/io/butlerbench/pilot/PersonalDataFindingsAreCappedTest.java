package io.butlerbench.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.butlerbench.pilot.PilotSteps.create;
import static io.butlerbench.pilot.PilotSteps.engineer;
import static io.butlerbench.pilot.PilotSteps.viewer;
import static io.butlerbench.pilot.PilotStubs.DATASET;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row 15 of issue 8: every personal-data finding was kept on the pilot, so one dataset full of
 * e-mail addresses made a MongoDB document over 16 MB. The pilot keeps the first {@code 100}
 * findings, each masked to at most 64 characters, with the total count and a {@code truncated}
 * flag; it stays blocked whatever the count.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "pilot.exporter-url,pilot.benchmark-url"))
class PersonalDataFindingsAreCappedTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int RECORDS = 20;
  static final int EMAILS_PER_RECORD = 10_000;

  @InjectStub WireMockServer stub;

  @BeforeEach
  void services() {
    PilotStubs.exporterAndBenchmark(stub);
  }

  void version(String version, String records) {
    stub.stubFor(
        get(DATASET + "/versions/" + version)
            .willReturn(
                okJson(
                    "{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\""
                        + version
                        + "\",\"record_count\":"
                        + RECORDS
                        + ",\"parts\":[{\"sha256\":\"bb22\"}]}")));
    stub.stubFor(
        get(DATASET + "/versions/" + version + "/records")
            .willReturn(aResponse().withBody(records)));
  }

  static String record(String id, String text) {
    return JSON.createObjectNode()
        .put("sample_id", id)
        .put("source_text", text)
        .put("summary_markdown", "- **Итог**: кратко.")
        .toString();
  }

  /** 200,000 e-mail addresses: kept one by one, some 20 MB of findings in one document. */
  @Test
  void aDatasetFullOfEmailsKeepsTheFirstFindingsTheCountAndTheBlock() {
    StringBuilder records = new StringBuilder();
    int n = 0;
    for (int r = 0; r < RECORDS; r++) {
      StringBuilder text = new StringBuilder("Пишите: ");
      for (int e = 0; e < EMAILS_PER_RECORD; e++) {
        text.append("u").append(n++).append("@mail.ru ");
      }
      records.append(record("s-" + r, text.toString())).append('\n');
    }
    version("pii-flood", records.toString());
    String id = create("pii-flood");

    engineer()
        .body("{}")
        .post("/pilots/" + id + "/validation")
        .then()
        .statusCode(200)
        .body("state", equalTo("DRAFT"))
        .body("validation.passed", equalTo(false))
        .body("validation.personal_data", hasSize(100))
        .body("validation.personal_data[0].sample_id", equalTo("s-0"))
        .body("validation.personal_data[0].kind", equalTo("email"))
        .body("validation.personal_data_total", equalTo(RECORDS * EMAILS_PER_RECORD))
        .body("validation.personal_data_truncated", equalTo(true));
    viewer()
        .get("/pilots/" + id)
        .then()
        .statusCode(200)
        .body("validation.personal_data", hasSize(100))
        .body("validation.personal_data_total", equalTo(RECORDS * EMAILS_PER_RECORD));
    engineer()
        .body("{}")
        .post("/pilots/" + id + "/baseline")
        .then()
        .statusCode(409)
        .body("allowed_actions", equalTo(List.of("FAIL", "VALIDATE")));
    engineer().get("/pilots/" + id + "/training-file").then().statusCode(409);
  }

  /** One address of 100,000 characters is still one short masked finding. */
  @Test
  void aHugeFindingIsMaskedToABoundedLength() {
    version(
        "pii-long",
        record("s-1", "Пишите на " + "a".repeat(100_000) + "@mail.ru")
            + "\n"
            + record("s-2", "ok"));
    String id = create("pii-long");
    engineer()
        .body("{}")
        .post("/pilots/" + id + "/validation")
        .then()
        .statusCode(200)
        .body("state", equalTo("DRAFT"))
        .body("validation.passed", equalTo(false))
        .body("validation.personal_data", hasSize(1))
        .body("validation.personal_data_total", equalTo(1))
        .body("validation.personal_data_truncated", equalTo(false))
        .body("validation.personal_data[0].masked.length()", lessThanOrEqualTo(64))
        .body("validation.personal_data[0].masked", org.hamcrest.Matchers.startsWith("aa*"))
        .body("validation.personal_data[0].masked", org.hamcrest.Matchers.endsWith("ru"));
  }
}
