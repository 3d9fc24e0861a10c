package io.butlerbench.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/** The benchmark service's API as its tests drive it, against a WireMock exporter and LLM. */
public final class BenchmarkApi {
  public static final String DATASET = "benchmark_digest_ru_v1";
  public static final String COMPLETIONS = "/v1/chat/completions";

  private BenchmarkApi() {}

  /** An operator: may start, resume and bless runs, and read everything. */
  public static RequestSpecification authorised() {
    return given().header("Authorization", TestTokens.bearer("operator", "operator"));
  }

  /** One Stage 05 record: coverage 0.9, latency {@code i * 10} s. */
  public static String record(String version, int i) {
    return String.format(
        Locale.ROOT,
        "{\"sample_id\":\"%s-%02d\",\"channel\":\"@tech_ru\",\"language\":\"ru\",\"timestamp\":\"2026-11-20T21:00:00Z\","
            + "\"source_text\":\"Пост %s номер %d\\nТекст поста.\",\"summary_markdown\":\"- **Пост %s номер %d**: итог.\","
            + "\"metadata\":{\"posts_count\":3,\"time_range_hours\":24,\"llm_model\":\"qwen-7b\",\"feature_flags\":{}},"
            + "\"ground_truth\":{\"llm_judge\":{\"judge_model\":\"gpt-4o\",\"prompt_version\":\"benchmark-2025-11-v1\","
            + "\"scores\":{\"coverage\":0.9,\"accuracy\":0.95,\"coherence\":0.92,\"informativeness\":0.89},\"verdict\":\"MEETS_EXPECTATIONS\"}},"
            + "\"latency_seconds\":%d}",
        version,
        i,
        version,
        i,
        version,
        i,
        i * 10);
  }

  /** Publishes {@code version} of 20 records: coverage 0.9, latencies 10, 20, ... 200 s. */
  public static void publish(WireMockServer stub, String version) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      lines.add(record(version, i));
    }
    publish(stub, version, 20, String.join("\n", lines) + "\n");
  }

  /** Publishes a manifest that claims {@code recordCount} records over the given NDJSON body. */
  public static void publish(WireMockServer stub, String version, long recordCount, String body) {
    String manifest =
        "{\"dataset_id\":\""
            + DATASET
            + "\",\"version\":\""
            + version
            + "\",\"record_count\":"
            + recordCount
            + "}";
    stub.stubFor(get("/datasets/" + DATASET + "/latest").willReturn(okJson(manifest)));
    stub.stubFor(get("/datasets/" + DATASET + "/versions/" + version).willReturn(okJson(manifest)));
    stub.stubFor(
        get("/datasets/" + DATASET + "/versions/" + version + "/records")
            .willReturn(
                aResponse().withHeader("Content-Type", "application/x-ndjson").withBody(body)));
  }

  public static int llmCalls(WireMockServer stub) {
    return stub.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS)).build()).getCount();
  }

  /** Starts a run and answers its location. */
  public static String start(String body) {
    return authorised()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/runs")
        .then()
        .statusCode(202)
        .body("status", equalTo("QUEUED"))
        .extract()
        .header("Location");
  }

  /** Waits until the run at {@code location} is neither QUEUED nor RUNNING. */
  public static JsonPath awaitEnd(String location) {
    AtomicReference<JsonPath> run = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              run.set(authorised().get(location).then().statusCode(200).extract().jsonPath());
              String status = run.get().getString("status");
              return !status.equals("QUEUED") && !status.equals("RUNNING");
            });
    return run.get();
  }

  public static JsonPath runToCompletion(String body) {
    return awaitEnd(start(body));
  }
}
