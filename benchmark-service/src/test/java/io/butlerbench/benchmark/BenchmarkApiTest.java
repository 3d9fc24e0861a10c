package io.butlerbench.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.butlerbench.benchmark.BenchmarkApi.authorised;
import static io.butlerbench.benchmark.BenchmarkApi.runToCompletion;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.benchmark.judge.OpenAiStub;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs over real HTTP, with the exporter and the LLM endpoint stubbed by WireMock. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class BenchmarkApiTest {
  static final String DATASET = BenchmarkApi.DATASET;
  static final String COMPLETIONS = BenchmarkApi.COMPLETIONS;

  @InjectStub WireMockServer stub;
  @Inject MongoDatabase database;

  void publish(String version) {
    BenchmarkApi.publish(stub, version);
  }

  int llmCalls() {
    return BenchmarkApi.llmCalls(stub);
  }

  @Test
  void aDryRunScoresStoredResultsAndNeverCallsTheLlm() {
    publish("dry1");
    stub.resetRequests();
    JsonPath run = runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}");
    assertEquals("COMPLETED", run.getString("status"));
    assertEquals("dry1", run.getString("dataset_version"));
    assertEquals(0.9f, run.getFloat("metrics.find { it.metric == 'coverage' }.value"));
    assertEquals("PASS", run.getString("metrics.find { it.metric == 'coverage' }.outcome"));
    // p95 of 10..200 s by linear interpolation: 190.5 s, a PASS under 210 s
    assertEquals(190.5f, run.getFloat("metrics.find { it.metric == 'latency_p95' }.value"));
    assertEquals("PASS", run.getString("outcome"));
    assertEquals(20, run.getInt("progress.done"));
    assertEquals(0, llmCalls(), "a dry run makes no LLM call at all");
  }

  @Test
  void anLlmRunJudgesEverySampleAndAnUnchangedRerunMakesNoCall() {
    publish("llm1");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.86, 0.95, 0.95, 0.95))));
    stub.resetRequests();
    JsonPath first =
        runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"concurrency\":4}");
    assertEquals("COMPLETED", first.getString("status"));
    assertEquals(20, llmCalls());
    assertEquals("WARN", first.getString("metrics.find { it.metric == 'coverage' }.outcome"));
    assertEquals("WARN", first.getString("outcome"));

    JsonPath second =
        runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"concurrency\":4}");
    assertEquals(20, llmCalls(), "the rerun was answered from the judge cache");
    assertEquals(0, second.getInt("judge_calls"));

    JsonPath strict =
        runToCompletion(
            "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"warn_as_fail\":true}");
    assertEquals("FAIL", strict.getString("outcome"));
    assertTrue(strict.getString("reason").contains("warn counts as failing"));
  }

  @Test
  void aRunWithTooManyErrorsIsInconclusiveAndSaysWhy() {
    publish("err1");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95))));
    for (String failing : List.of("err1 номер 3\\", "err1 номер 7\\", "err1 номер 11\\")) {
      stub.stubFor(
          post(COMPLETIONS)
              .withRequestBody(containing(failing))
              .atPriority(1)
              .willReturn(aResponse().withStatus(500)));
    }
    JsonPath run = runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\"}");
    // domain.md: over the error limit a run is inconclusive (ERROR), never a quality FAIL
    assertEquals("ERROR", run.getString("outcome"));
    assertEquals(3, run.getInt("errors"));
    assertTrue(
        run.getString("reason").contains("inconclusive: 15.0 % of samples errored"),
        run.getString("reason"));
    // errors are excluded from the means, never scored as 0
    assertEquals(0.95f, run.getFloat("metrics.find { it.metric == 'coverage' }.value"));
    assertEquals(17, run.getInt("metrics.find { it.metric == 'coverage' }.samples"));
  }

  @Test
  void anInterruptedRunResumesWithoutRejudgingFinishedSamples() {
    publish("res1");
    String runId = "run-interrupted-test";
    database
        .getCollection("runs")
        .insertOne(
            new Document("_id", runId)
                .append("run_id", runId)
                .append("scenario", "channel_digest_ru")
                .append("dataset_id", DATASET)
                .append("dataset_version", "res1")
                .append("judge", "dry-run")
                .append("judge_model", "stored-ground-truth")
                .append("concurrency", 2)
                .append("seed", 42L)
                .append("temperature", 0.0)
                .append("warn_as_fail", false)
                .append("status", "INTERRUPTED")
                .append("created_at", new Date()));
    List<Document> finished = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String sample = String.format("res1-%02d", i);
      finished.add(
          new Document("_id", runId + "/" + sample + "/0")
              .append("run_id", runId)
              .append("sample_id", sample)
              .append("repeat", 0)
              .append("status", "OK")
              .append("latency_seconds", 10.0 * i)
              .append("judge_calls", 0)
              .append("injected_defects", List.of())
              .append(
                  "scores",
                  new Document("coverage", 0.5)
                      .append("accuracy", 0.95)
                      .append("coherence", 0.92)
                      .append("informativeness", 0.89)));
    }
    database.getCollection("run_samples").insertMany(finished);

    authorised().post("/runs/" + runId + "/resume").then().statusCode(202);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonPath run = null;
    while (Instant.now().isBefore(deadline)) {
      run = authorised().get("/runs/" + runId).then().extract().jsonPath();
      if ("COMPLETED".equals(run.getString("status"))) {
        break;
      }
    }
    assertEquals("COMPLETED", run.getString("status"));
    assertEquals(20, run.getInt("progress.done"));
    // five kept their stored 0.5 (not judged again), fifteen replayed 0.9: mean 0.8
    assertEquals(0.8f, run.getFloat("metrics.find { it.metric == 'coverage' }.value"));
    authorised().post("/runs/" + runId + "/resume").then().statusCode(409);
  }

  @Test
  void aRunIsComparedWithTheBlessedBaselinePerMetricAndPerSample() {
    publish("cmp1");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95))));
    JsonPath base =
        runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":1}");
    authorised()
        .post("/runs/" + base.getString("run_id") + "/baseline")
        .then()
        .statusCode(200)
        .body("baseline", equalTo(true));

    // the candidate judge finds two samples much worse (seed 2: nothing comes from the cache)
    stub.stubFor(
        post(COMPLETIONS)
            .withRequestBody(containing("cmp1 номер 5\\"))
            .atPriority(1)
            .willReturn(okJson(OpenAiStub.scores(0.55, 0.95, 0.95, 0.95))));
    stub.stubFor(
        post(COMPLETIONS)
            .withRequestBody(containing("cmp1 номер 9\\"))
            .atPriority(1)
            .willReturn(okJson(OpenAiStub.scores(0.55, 0.95, 0.95, 0.95))));
    JsonPath candidate =
        runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":2}");

    JsonPath comparison =
        authorised()
            .get("/runs/baseline/compare/" + candidate.getString("run_id"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(base.getString("run_id"), comparison.getString("base_run"));
    assertEquals(-0.04f, comparison.getFloat("metrics.find { it.metric == 'coverage' }.delta"));
    float low = comparison.getFloat("metrics.find { it.metric == 'coverage' }.ci95_low");
    float high = comparison.getFloat("metrics.find { it.metric == 'coverage' }.ci95_high");
    // two of twenty samples moved: a resample without either shows no change, so high can be 0
    assertTrue(low < -0.04f && -0.04f < high && high <= 0, low + " .. " + high);
    assertEquals(0.0f, comparison.getFloat("metrics.find { it.metric == 'accuracy' }.delta"));
    assertEquals(List.of("cmp1-05", "cmp1-09"), comparison.getList("changed_samples.sample_id"));
    assertEquals("FAIL", comparison.getString("changed_samples[0].candidate"));
    assertEquals("PASS", comparison.getString("changed_samples[0].base"));
  }

  @Test
  void repeatsAreKeptApartAndTheirSpreadFlagsAValueNearALimit() {
    publish("rep1");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95))));
    double[] coverageBySeed = {0.87, 0.89, 0.88};
    for (int repeat = 0; repeat < 3; repeat++) {
      stub.stubFor(
          post(COMPLETIONS)
              .withRequestBody(containing("\"seed\":" + (100 + repeat) + ","))
              .atPriority(1)
              .willReturn(okJson(OpenAiStub.scores(coverageBySeed[repeat], 0.95, 0.95, 0.95))));
    }
    stub.resetRequests();
    JsonPath run =
        runToCompletion(
            "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":100,\"repeats\":3}");
    assertEquals(60, llmCalls(), "20 samples x 3 repeats, each its own seed");
    assertEquals(60, run.getInt("progress.done"));
    assertEquals(0.88f, run.getFloat("metrics.find { it.metric == 'coverage' }.value"));
    assertEquals(0.01f, run.getFloat("metrics.find { it.metric == 'coverage' }.spread"));
    assertEquals(true, run.getBoolean("metrics.find { it.metric == 'coverage' }.review_needed"));
    assertEquals(false, run.getBoolean("metrics.find { it.metric == 'accuracy' }.review_needed"));
    assertTrue(run.getString("reason").contains("review needed"), run.getString("reason"));
    List<Integer> repeats =
        authorised()
            .get("/runs/" + run.getString("run_id") + "/samples")
            .then()
            .extract()
            .jsonPath()
            .getList("repeat");
    assertEquals(60, repeats.size());
    assertEquals(20, repeats.stream().filter(r -> r == 2).count());
  }

  @Test
  void aCandidateModelWritesTheSummaryThatIsJudgedAndItsLatencyFeedsP95() {
    publish("cand1");
    stub.stubFor(
        post(COMPLETIONS)
            .withRequestBody(containing("\"model\":\"qwen-7b-ft-ru-digest-stage05\""))
            .atPriority(1)
            .willReturn(
                okJson(OpenAiStub.completion("- **Сгенерированный итог кандидата**", "stop"))
                    .withFixedDelay(150)));
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.93, 0.94, 0.95, 0.96))));
    stub.resetRequests();
    JsonPath run =
        runToCompletion(
            "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"candidate_model\":\"qwen-7b-ft-ru-digest-stage05\"}");
    assertEquals("COMPLETED", run.getString("status"));
    assertEquals(40, llmCalls(), "one generation and one judgement per sample");
    stub.verify(
        20,
        postRequestedFor(urlEqualTo(COMPLETIONS))
            .withRequestBody(containing("\"model\":\"gpt-4o\""))
            .withRequestBody(containing("Сгенерированный итог кандидата")));
    float p95 = run.getFloat("metrics.find { it.metric == 'latency_p95' }.value");
    assertTrue(
        p95 >= 0.15f && p95 < 5f,
        "p95 is the measured generation latency, not the stored one: " + p95);
    assertEquals("qwen-7b-ft-ru-digest-stage05", run.getString("candidate_model"));
  }

  @ParameterizedTest(name = "{0} -> {1}/{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|scenario|required",
        "{\"scenario\":\"nope\"}|scenario|enum",
        "{\"scenario\":\"channel_digest_ru\",\"concurrency\":0}|concurrency|range",
        "{\"scenario\":\"channel_digest_ru\",\"concurrency\":65}|concurrency|range",
        "{\"scenario\":\"channel_digest_ru\",\"judge\":\"oracle\"}|judge|enum",
        "{\"scenario\":\"channel_digest_ru\",\"dataset_version\":\"missing\"}|dataset_version|exists",
        "{\"scenario\":\"channel_digest_ru\",\"sample\":1}|sample|unknown-field",
        "{\"scenario\":\"channel_digest_ru\",\"repeats\":11}|repeats|range",
        "{\"scenario\":\"channel_digest_ru\",\"deadline_seconds\":0}|deadline_seconds|range",
        "{\"scenario\":\"channel_digest_ru\",\"concurrency\":1.5}|concurrency|type",
        "{\"scenario\":\"channel_digest_ru\",\"concurrency\":\"4\"}|concurrency|type",
        "{\"scenario\":\"channel_digest_ru\",\"temperature\":\"NaN\"}|temperature|range",
        "{\"scenario\":\"channel_digest_ru\",\"warn_as_fail\":\"true\"}|warn_as_fail|type",
        "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"candidate_model\":\" \"}|candidate_model|not-blank",
        "{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\",\"candidate_model\":\"qwen-7b\"}|candidate_model|dry-run-calls-no-llm",
      })
  void invalidRunRequestsAre400NamingTheField(String body, String field, String rule) {
    publish("val1");
    stub.stubFor(
        get("/datasets/" + DATASET + "/versions/missing").willReturn(aResponse().withStatus(404)));
    authorised()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/runs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field))
        .body("rule", equalTo(rule));
  }

  @Test
  void metricNamesArePinnedAndTheScoreboardIsMarkdown() {
    publish("met1");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.91, 0.92, 0.93, 0.94))));
    runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}");
    runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\"}");
    String labels = "dataset=\"benchmark_digest_ru_v1\",scenario=\"channel_digest_ru\"";
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("benchmark_run_duration_seconds_bucket{" + labels))
        .body(containsString("benchmark_run_duration_seconds_count{" + labels + "}"))
        .body(containsString("benchmark_run_outcome{" + labels + "}"))
        .body(
            containsString(
                "benchmark_metric_value{dataset=\"benchmark_digest_ru_v1\",metric=\"coverage\",scenario=\"channel_digest_ru\"}"))
        .body(
            containsString(
                "benchmark_metric_outcome{dataset=\"benchmark_digest_ru_v1\",metric=\"latency_p95\",scenario=\"channel_digest_ru\"}"))
        .body(containsString("benchmark_judge_calls_total{judge=\"llm\",outcome=\"ok\"}"))
        .body(containsString("benchmark_judge_latency_seconds_count{judge=\"llm\"}"))
        .body(containsString("benchmark_judge_tokens_total{kind=\"prompt\",model=\"gpt-4o\"}"));
    authorised()
        .get("/scoreboard")
        .then()
        .statusCode(200)
        .contentType(containsString("text/markdown"))
        .body(containsString("| `channel_digest_ru` | llm (gpt-4o) | `met1` |"))
        .body(containsString("| `channel_digest_ru` | dry-run (stored-ground-truth) | `met1` |"));
    authorised()
        .get("/runs?scenario=channel_digest_ru")
        .then()
        .statusCode(200)
        .body("scenario", hasItem("channel_digest_ru"));
  }
}
