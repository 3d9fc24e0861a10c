package io.butlerbench.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.butlerbench.benchmark.BenchmarkApi.COMPLETIONS;
import static io.butlerbench.benchmark.BenchmarkApi.DATASET;
import static io.butlerbench.benchmark.BenchmarkApi.authorised;
import static io.butlerbench.benchmark.BenchmarkApi.awaitEnd;
import static io.butlerbench.benchmark.BenchmarkApi.llmCalls;
import static io.butlerbench.benchmark.BenchmarkApi.publish;
import static io.butlerbench.benchmark.BenchmarkApi.record;
import static io.butlerbench.benchmark.BenchmarkApi.runToCompletion;
import static io.butlerbench.benchmark.BenchmarkApi.start;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Hostile tests of a run's verdict (issue 8): faults from the LLM endpoint and the exporter, and
 * concurrent lifecycle requests. Each names the behaviour it guarantees.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class RunIntegrityTest {
  static final int ATTEMPTS = 5;
  static final int RACERS = 8;

  @InjectStub WireMockServer stub;
  @Inject MongoDatabase database;

  List<Document> storedResults(String runId) {
    return database
        .getCollection("run_samples")
        .find(Filters.eq("run_id", runId))
        .into(new ArrayList<>());
  }

  /** Row 2: a negative Retry-After once broke the worker and the sample vanished. */
  @Test
  void aRetryAfterOfMinusOneIsRetriedAndNoSampleVanishes() {
    publish(stub, "ra1");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95))));
    stub.stubFor(
        post(COMPLETIONS)
            .withRequestBody(containing("ra1 номер 4\\"))
            .inScenario("negative-retry-after")
            .whenScenarioStateIs(Scenario.STARTED)
            .atPriority(1)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "-1"))
            .willSetStateTo("answered"));
    JsonPath run = runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\"}");
    List<Document> results = storedResults(run.getString("run_id"));
    assertEquals(20, results.size(), "every sample of the run has a stored result");
    Document retried =
        results.stream().filter(r -> r.getString("sample_id").equals("ra1-04")).findFirst().get();
    assertEquals("OK", retried.getString("status"), String.valueOf(retried.get("error")));
    assertEquals("PASS", run.getString("outcome"));
  }

  /** Row 7: an endpoint that answers 500 to everything is an infrastructure failure. */
  @Test
  void aJudgeEndpointFailingEverythingIsInconclusiveNeverAQualityFail() {
    publish(stub, "down1");
    stub.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(500)));
    JsonPath run = runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\"}");
    assertEquals("COMPLETED", run.getString("status"));
    assertEquals("ERROR", run.getString("outcome"), run.getString("reason"));
    assertTrue(run.getString("reason").startsWith("inconclusive"), run.getString("reason"));
    List<Document> results = storedResults(run.getString("run_id"));
    assertEquals(20, results.size());
    assertTrue(
        results.stream()
            .allMatch(r -> "ERROR".equals(r.getString("status")) && r.get("scores") == null),
        "an errored sample has no score");
    given()
        .get("/q/metrics")
        .then()
        .body(
            containsString(
                "benchmark_run_outcome{dataset=\"benchmark_digest_ru_v1\",scenario=\"channel_digest_ru\"} 3.0"));
  }

  /** Row 1: a run that stored fewer results than its dataset holds can never pass. */
  @Test
  void aDatasetStreamShorterThanItsManifestNeverPasses() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      lines.add(record("short1", i));
    }
    publish(stub, "short1", 21, String.join("\n", lines) + "\n");
    JsonPath run = runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}");
    assertEquals("ERROR", run.getString("outcome"), run.getString("reason"));
    assertTrue(
        run.getString("reason").contains("20 results are stored for the 21"),
        run.getString("reason"));
  }

  /**
   * Rows 1 and 5: the exporter's stream breaks half-way. What was judged is stored and counted,
   * nothing more; the run fails as an infrastructure error; its resume judges only the rest.
   */
  @Test
  void aBrokenDatasetStreamFailsTheRunKeepingEveryJudgedSampleAndTheResumeJudgesOnlyTheRest() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      lines.add(i == 9 ? "{\"sample_id\": broken" : record("cut1", i));
    }
    publish(stub, "cut1", 20, String.join("\n", lines) + "\n");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95))));
    stub.resetRequests();
    JsonPath failed =
        runToCompletion(
            "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":901,\"concurrency\":2}");
    String runId = failed.getString("run_id");
    assertEquals("FAILED", failed.getString("status"));
    assertTrue(
        failed.getString("reason").startsWith("infrastructure error"), failed.getString("reason"));
    int stored = storedResults(runId).size();
    assertEquals(8, stored, "the eight samples before the break were judged and stored");
    assertEquals(stored, failed.getInt("progress.done"), "done counts stored results only");
    assertEquals(8, llmCalls(stub));

    publish(stub, "cut1");
    authorised().post("/runs/" + runId + "/resume").then().statusCode(202);
    JsonPath resumed = awaitEnd("/runs/" + runId);
    assertEquals("COMPLETED", resumed.getString("status"), resumed.getString("reason"));
    assertEquals("PASS", resumed.getString("outcome"));
    assertEquals(20, storedResults(runId).size());
    assertEquals(20, llmCalls(stub), "the resume judged the twelve missing samples only");
  }

  /** Row 3: a run has a deadline; past it the run ends with its reason and keeps its results. */
  @Test
  void aRunPastItsDeadlineEndsWithItsReasonKeepingWhatWasStored() {
    publish(stub, "late1");
    stub.stubFor(
        post(COMPLETIONS)
            .willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95)).withFixedDelay(400)));
    JsonPath run =
        awaitEnd(
            start(
                "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"seed\":902,"
                    + "\"concurrency\":1,\"deadline_seconds\":1}"));
    assertEquals("FAILED", run.getString("status"));
    assertTrue(run.getString("reason").contains("deadline of 1 s"), run.getString("reason"));
    int stored = storedResults(run.getString("run_id")).size();
    assertTrue(stored >= 1 && stored < 20, "stored " + stored);
    assertEquals(stored, run.getInt("progress.done"));
    assertNull(run.getString("outcome"), "a run cut short has no verdict");
  }

  /**
   * Row 3: the exporter sends headers and then stalls its record stream; the JDK client's timeout
   * stops at the headers, so only the run's deadline can end the run.
   */
  @Test
  void aStalledDatasetStreamEndsAtTheRunsDeadline() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      lines.add(record("stall1", i));
    }
    publish(stub, "stall1");
    stub.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(
                "/datasets/" + DATASET + "/versions/stall1/records")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(String.join("\n", lines) + "\n")
                    .withChunkedDribbleDelay(2, 120_000)));
    long start = System.nanoTime();
    JsonPath run =
        awaitEnd(
            start(
                "{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\",\"deadline_seconds\":2}"));
    long tookSeconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals("FAILED", run.getString("status"));
    assertTrue(run.getString("reason").contains("deadline of 2 s"), run.getString("reason"));
    assertTrue(
        tookSeconds < 20, "the run ended at its deadline, not with the stream: " + tookSeconds);
  }

  /** Row 6: a "dry" run once sent thousands of generation requests for an empty model name. */
  @Test
  void aDryRunWithACandidateModelIsRefusedAndCallsNoLlm() {
    publish(stub, "dry2");
    stub.resetRequests();
    for (String model : List.of("\"\"", "\"qwen-7b-ft\"")) {
      authorised()
          .contentType(ContentType.JSON)
          .body(
              "{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\",\"candidate_model\":"
                  + model
                  + "}")
          .post("/runs")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", org.hamcrest.Matchers.equalTo("candidate_model"));
    }
    assertEquals(0, llmCalls(stub));
  }

  /** Row 4: of concurrent resumes of one run exactly one wins; the others get 409. */
  @Test
  void concurrentResumesOfOneRunStartItOnce() throws Exception {
    publish(stub, "race1");
    ExecutorService racers = Executors.newFixedThreadPool(RACERS);
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        String runId = "run-race-" + attempt;
        database.getCollection("runs").insertOne(interruptedRun(runId, "race1"));
        CyclicBarrier barrier = new CyclicBarrier(RACERS);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
          answers.add(
              racers.submit(
                  () -> {
                    barrier.await();
                    return authorised()
                        .post("/runs/" + runId + "/resume")
                        .then()
                        .extract()
                        .statusCode();
                  }));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> answer : answers) {
          codes.add(answer.get());
        }
        assertEquals(1, codes.stream().filter(c -> c == 202).count(), "answers " + codes);
        assertEquals(RACERS - 1, codes.stream().filter(c -> c == 409).count(), "answers " + codes);
        JsonPath run = awaitEnd("/runs/" + runId);
        assertEquals("COMPLETED", run.getString("status"));
        assertEquals(20, storedResults(runId).size());
      }
    } finally {
      racers.shutdownNow();
    }
  }

  /** Row 4: concurrent blessings of different runs leave one baseline, never two. */
  @Test
  void concurrentBlessingsLeaveExactlyOneBaseline() throws Exception {
    publish(stub, "bless1");
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runIds.add(
          runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}")
              .getString("run_id"));
    }
    ExecutorService racers = Executors.newFixedThreadPool(runIds.size());
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        CyclicBarrier barrier = new CyclicBarrier(runIds.size());
        List<Future<Integer>> answers = new ArrayList<>();
        for (String runId : runIds) {
          answers.add(
              racers.submit(
                  () -> {
                    barrier.await();
                    return authorised()
                        .post("/runs/" + runId + "/baseline")
                        .then()
                        .extract()
                        .statusCode();
                  }));
        }
        for (Future<Integer> answer : answers) {
          assertEquals(200, answer.get());
        }
        List<Map<String, Object>> runs =
            authorised()
                .get("/runs?scenario=channel_digest_ru&limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        List<Object> baselines =
            runs.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("baseline")))
                .map(r -> r.get("run_id"))
                .toList();
        assertEquals(1, baselines.size(), "baselines " + baselines);
        assertTrue(runIds.contains((String) baselines.get(0)));
      }
    } finally {
      racers.shutdownNow();
    }
  }

  /**
   * Row 4: runs were marked INTERRUPTED only at start-up, so a run whose instance died while
   * another lived (or while MongoDB was down at start-up) stayed RUNNING forever.
   */
  @Test
  void aRunLeftRunningByADeadInstanceIsTakenOverByTheSweep() {
    publish(stub, "dead1");
    String runId = "run-dead-instance";
    Date past = Date.from(Instant.now().minusSeconds(120));
    database
        .getCollection("runs")
        .insertOne(
            interruptedRun(runId, "dead1")
                .append("status", "RUNNING")
                .append("record_count", 20L)
                .append("lease_until", past)
                .append("deadline_at", Date.from(Instant.now().plusSeconds(600))));
    JsonPath run = awaitEnd("/runs/" + runId);
    assertEquals("COMPLETED", run.getString("status"), run.getString("reason"));
    assertEquals(20, storedResults(runId).size());
  }

  /** Row 15: runs were unbounded; past the instance's limit a new run is a 429. */
  @Test
  void runsBeyondTheInstanceLimitAre429WithRetryAfter() {
    publish(stub, "cap1");
    stub.stubFor(
        post(COMPLETIONS)
            .willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95)).withFixedDelay(500)));
    String slow =
        "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"concurrency\":1,"
            + "\"deadline_seconds\":3,\"seed\":";
    List<String> started = new ArrayList<>();
    int limit = 16; // %test.benchmark.max-concurrent-runs
    for (int i = 0; i < limit; i++) {
      started.add(start(slow + (1000 + i) + "}"));
    }
    authorised()
        .contentType(ContentType.JSON)
        .body(slow + "2000}")
        .post("/runs")
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    for (String location : started) {
      awaitEnd(location);
    }
  }

  /** Row 15: a metric series per free-text candidate model name was a cardinality bomb. */
  @Test
  void aCandidateModelNobodyListedIsCountedAsUnlistedNotAsANewSeries() {
    publish(stub, "card1");
    stub.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.95, 0.95, 0.95, 0.95))));
    runToCompletion(
        "{\"scenario\":\"channel_digest_ru\",\"judge\":\"llm\",\"candidate_model\":\"free-text-model-7f3a\"}");
    given()
        .get("/q/metrics")
        .then()
        .body(org.hamcrest.Matchers.not(containsString("free-text-model-7f3a")))
        .body(
            containsString("benchmark_candidate_tokens_total{kind=\"prompt\",model=\"unlisted\"}"));
  }

  /** Row 16: an exporter that fails while a run is planned was a 500, as if the bug were ours. */
  @Test
  void anExporterFailingWhileARunIsPlannedIsA502Problem() {
    stub.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get("/datasets/" + DATASET + "/latest")
            .willReturn(aResponse().withStatus(500)));
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}")
        .post("/runs")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("detail", containsString("the exporter failed"));
  }

  static Document interruptedRun(String runId, String version) {
    return new Document("_id", runId)
        .append("run_id", runId)
        .append("scenario", "channel_digest_ru")
        .append("dataset_id", DATASET)
        .append("dataset_version", version)
        .append("judge", "dry-run")
        .append("judge_model", "stored-ground-truth")
        .append("concurrency", 2)
        .append("seed", 42L)
        .append("temperature", 0.0)
        .append("warn_as_fail", false)
        .append("status", "INTERRUPTED")
        .append("created_at", new Date());
  }
}
