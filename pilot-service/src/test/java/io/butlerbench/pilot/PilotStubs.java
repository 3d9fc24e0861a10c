package io.butlerbench.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Locale;

/**
 * The exporter and benchmark APIs as the pilot's component tests stub them: dataset version {@code
 * v1} (3 clean records) and {@code pii} (an e-mail address), a baseline run and a candidate run
 * judged alike, the candidate better on every rule.
 */
final class PilotStubs {
  static final String DATASET = "/datasets/benchmark_digest_ru_v1";

  private PilotStubs() {}

  static String record(String id, String text) {
    return "{\"sample_id\":\""
        + id
        + "\",\"source_text\":\""
        + text
        + "\",\"summary_markdown\":\"- **Итог**: кратко.\"}";
  }

  /**
   * A completed run as {@code GET /runs/{id}} answers it: what was compared and how (the fields the
   * go/no-go rule checks), outcome, error share and metrics.
   */
  static String run(
      String id,
      String judge,
      String judgeModel,
      double coverage,
      double accuracy,
      double coherence,
      double informativeness,
      double latency) {
    return String.format(
        Locale.ROOT,
        "{\"run_id\":\"%s\",\"status\":\"COMPLETED\",\"scenario\":\"channel_digest_ru\","
            + "\"dataset_id\":\"benchmark_digest_ru_v1\",\"dataset_version\":\"v1\","
            + "\"judge\":\"%s\",\"judge_model\":\"%s\",\"prompt_version\":\"benchmark-2025-11-v1\","
            + "\"outcome\":\"PASS\",\"error_share\":0.0,\"errors\":0,\"metrics\":["
            + "{\"metric\":\"coverage\",\"value\":%s,\"outcome\":\"PASS\"},"
            + "{\"metric\":\"accuracy\",\"value\":%s,\"outcome\":\"PASS\"},"
            + "{\"metric\":\"coherence\",\"value\":%s,\"outcome\":\"PASS\"},"
            + "{\"metric\":\"informativeness\",\"value\":%s,\"outcome\":\"PASS\"},"
            + "{\"metric\":\"latency_p95\",\"value\":%s,\"outcome\":\"PASS\"}]}",
        id,
        judge,
        judgeModel,
        coverage,
        accuracy,
        coherence,
        informativeness,
        latency);
  }

  static void exporterAndBenchmark(WireMockServer stub) {
    String manifest =
        "{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\"v1\",\"record_count\":3,\"parts\":[{\"sha256\":\"aa11\"}]}";
    stub.stubFor(get(DATASET + "/latest").willReturn(okJson(manifest)));
    stub.stubFor(get(DATASET + "/versions/v1").willReturn(okJson(manifest)));
    stub.stubFor(
        get(DATASET + "/versions/pii").willReturn(okJson(manifest.replace("\"v1\"", "\"pii\""))));
    stub.stubFor(post("/validations").willReturn(okJson("{\"records_checked\":3,\"invalid\":0}")));
    stub.stubFor(
        get(DATASET + "/versions/v1/records")
            .willReturn(
                aResponse()
                    .withBody(
                        String.join(
                            "\n",
                            record("s-1", "Пост один"),
                            record("s-2", "Пост два"),
                            record("s-3", "Пост три")))));
    stub.stubFor(
        get(DATASET + "/versions/pii/records")
            .willReturn(
                aResponse()
                    .withBody(
                        String.join(
                            "\n",
                            record("s-1", "Пост один"),
                            record("s-9", "Пишите на ivan.petrov@mail.ru")))));
    stub.stubFor(
        post("/runs")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"run_id\":\"run-base\"}")));
    stub.stubFor(
        post("/runs")
            .withRequestBody(containing("candidate_model"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"run_id\":\"run-cand\"}")));
    stub.stubFor(
        get("/runs/run-base")
            .willReturn(
                okJson(run("run-base", "reference", "reference", 0.88, 0.89, 0.85, 0.84, 200))));
    stub.stubFor(
        get("/runs/run-cand")
            .willReturn(
                okJson(run("run-cand", "reference", "reference", 0.92, 0.93, 0.87, 0.86, 205))));
    // nobody else read anything; the ML lead of the tests read five samples of every run
    stub.stubFor(get(urlPathMatching("/runs/[^/]+/reads")).atPriority(9).willReturn(okJson("[]")));
    readBy(stub, "ml-lead", "s-1", "s-2", "s-3", "s-4", "s-5");
  }

  /**
   * What {@code GET /runs/{id}/reads?subject=...} answers: the samples {@code subject} fetched from
   * the run, one second apart from 2026-11-28T10:00:01Z on.
   */
  static String reads(String subject, String... sampleIds) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < sampleIds.length; i++) {
      body.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"sample_id\":\"%s\",\"subject\":\"%s\",\"read_at\":\"2026-11-28T10:00:%02dZ\"}",
                  sampleIds[i],
                  subject,
                  i + 1));
    }
    return body.append("]").toString();
  }

  /** The samples of any run {@code subject} fetched, as the benchmark recorded them. */
  static void readBy(WireMockServer stub, String subject, String... sampleIds) {
    stub.stubFor(
        get(urlPathMatching("/runs/[^/]+/reads"))
            .withQueryParam("subject", equalTo(subject))
            .willReturn(okJson(reads(subject, sampleIds))));
  }

  /**
   * Dataset version {@code version} of the digest dataset (its manifest and 3 clean records), whose
   * baseline run the benchmark starts as {@code runId}: a test that gives each pilot its own
   * version can stub and count that pilot's runs without touching the others'.
   */
  static void versionWithBaselineRun(WireMockServer stub, String version, String runId) {
    String manifest =
        "{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\""
            + version
            + "\",\"record_count\":3,\"parts\":[{\"sha256\":\"aa11\"}]}";
    stub.stubFor(get(DATASET + "/versions/" + version).willReturn(okJson(manifest)));
    stub.stubFor(
        get(DATASET + "/versions/" + version + "/records")
            .willReturn(
                aResponse()
                    .withBody(
                        String.join(
                            "\n",
                            record("s-1", "Пост один"),
                            record("s-2", "Пост два"),
                            record("s-3", "Пост три")))));
    stub.stubFor(
        post("/runs")
            .withRequestBody(matchingJsonPath("$.dataset_version", equalTo(version)))
            .atPriority(2)
            .willReturn(accepted(runId)));
  }

  /** What {@code POST /runs} answers when it starts run {@code runId}. */
  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted(String runId) {
    return aResponse()
        .withStatus(202)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"run_id\":\"" + runId + "\",\"status\":\"QUEUED\"}");
  }

  /** A run still under way, as {@code GET /runs/{id}} answers it. */
  static String running(String id) {
    return "{\"run_id\":\""
        + id
        + "\",\"status\":\"RUNNING\",\"scenario\":\"channel_digest_ru\",\"progress\":{\"done\":1}}";
  }

  /** A completed baseline run judged by the reference judge. */
  static String completed(String id) {
    return run(id, "reference", "reference", 0.88, 0.89, 0.85, 0.84, 200);
  }

  /** What the benchmark service answers while it is briefly away. */
  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder unavailable() {
    return aResponse()
        .withStatus(503)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"Service Unavailable\",\"status\":503}");
  }
}
