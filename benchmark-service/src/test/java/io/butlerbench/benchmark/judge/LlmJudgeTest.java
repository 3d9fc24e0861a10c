package io.butlerbench.benchmark.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.butlerbench.testing.MongoServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our side of the OpenAI contract, including its failures, against a WireMock endpoint. */
class LlmJudgeTest {
  static final String COMPLETIONS = "/v1/chat/completions";
  static final Judge.Sampling SAMPLING = new Judge.Sampling(0.0, 42);
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();

  WireMockServer llm;
  JudgeCache cache;
  int sampleCounter;

  @BeforeEach
  void start() {
    llm = new WireMockServer(options().dynamicPort());
    llm.start();
    cache = new JudgeCache(MONGO.freshDatabase());
  }

  @AfterEach
  void stop() {
    llm.stop();
  }

  LlmJudge judge(int maxRetries, int maxReasks, Duration timeout, int maxInFlight) {
    ObjectMapper json = new ObjectMapper();
    LlmEndpoint endpoint =
        new LlmEndpoint(
            llm.baseUrl(),
            java.util.Optional.of("sk-test"),
            timeout,
            maxRetries,
            Duration.ofMillis(20),
            Duration.ofSeconds(5),
            maxInFlight,
            json);
    return new LlmJudge(
        endpoint,
        PromptTemplate.load("benchmark-2025-11-v1"),
        cache,
        json,
        "gpt-4o",
        400,
        maxReasks);
  }

  LlmJudge judge() {
    return judge(2, 2, Duration.ofSeconds(5), 16);
  }

  Sample sample() {
    sampleCounter++;
    return new Sample(
        "s-" + sampleCounter,
        "Исходный текст номер " + sampleCounter,
        "- итог",
        90,
        Map.of(),
        List.of());
  }

  int requests() {
    return llm.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS)).build()).getCount();
  }

  @Test
  void aValidAnswerIsParsedAndTheRequestFollowsTheContract() {
    llm.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.9, 0.8, 0.95, 0.7))));
    Verdict verdict = judge().judge(sample(), "- итог", SAMPLING);
    assertFalse(verdict.isError());
    assertEquals(
        Map.of("coverage", 0.9, "accuracy", 0.8, "coherence", 0.95, "informativeness", 0.7),
        verdict.scores());
    assertEquals(120, verdict.promptTokens());
    assertEquals(30, verdict.completionTokens());
    llm.verify(
        1,
        postRequestedFor(urlEqualTo(COMPLETIONS))
            .withHeader("Authorization", equalTo("Bearer sk-test"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o")))
            .withRequestBody(matchingJsonPath("$.seed", equalTo("42")))
            .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0")))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
            .withRequestBody(
                matchingJsonPath(
                    "$.response_format.json_schema.schema.required[0]", equalTo("coverage")))
            .withRequestBody(
                matchingJsonPath(
                    "$.messages[1].content",
                    com.github.tomakehurst.wiremock.client.WireMock.containing("Исходный текст"))));
  }

  @Test
  void a429WaitsForRetryAfterThenSucceeds() {
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("open"));
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("rate")
            .whenScenarioStateIs("open")
            .willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9))));
    long start = System.nanoTime();
    Verdict verdict = judge().judge(sample(), "- итог", SAMPLING);
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(verdict.isError(), String.valueOf(verdict.error()));
    assertEquals(2, requests());
    assertTrue(waitedMillis >= 1000, "waited " + waitedMillis + " ms for Retry-After: 1");
  }

  @Test
  void aRetryAfterOfMinusOneRetriesAtOnceInsteadOfBreakingTheSample() {
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("negative")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "-1"))
            .willSetStateTo("open"));
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("negative")
            .whenScenarioStateIs("open")
            .willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9))));
    Verdict verdict = judge().judge(sample(), "- итог", SAMPLING);
    assertFalse(verdict.isError(), String.valueOf(verdict.error()));
    assertEquals(2, requests());
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDateAndClampedToZeroAndTheMaximum() {
    Duration max = Duration.ofSeconds(120);
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    assertEquals(Optional.of(Duration.ZERO), LlmEndpoint.retryAfter("-1", max, clock));
    assertEquals(Optional.of(Duration.ofMillis(1500)), LlmEndpoint.retryAfter("1.5", max, clock));
    assertEquals(Optional.of(max), LlmEndpoint.retryAfter("99999999999999", max, clock));
    assertEquals(
        Optional.of(Duration.ofSeconds(7)),
        LlmEndpoint.retryAfter("Sun, 29 Nov 2026 12:00:07 GMT", max, clock));
    assertEquals(
        Optional.of(Duration.ZERO),
        LlmEndpoint.retryAfter("Sun, 29 Nov 2026 11:00:00 GMT", max, clock));
    assertEquals(Optional.empty(), LlmEndpoint.retryAfter("NaN", max, clock));
    assertEquals(Optional.empty(), LlmEndpoint.retryAfter("soon", max, clock));
    assertEquals(Optional.empty(), LlmEndpoint.retryAfter(null, max, clock));
  }

  @Test
  void aResponseBodyThatStallsTimesOutAndReleasesItsPermit() {
    // headers and a first chunk within 0.25 s, then the body drips over 20 s: the JDK client's own
    // request timeout stops at the headers and never fires
    llm.stubFor(
        post(COMPLETIONS)
            .willReturn(
                okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9)).withChunkedDribbleDelay(80, 20_000)));
    LlmJudge oneAtATime = judge(0, 0, Duration.ofMillis(1500), 1);
    long start = System.nanoTime();
    Verdict stalled = oneAtATime.judge(sample(), "- итог", SAMPLING);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(stalled.isError(), "a stalled body is an error, not a late score");
    assertTrue(stalled.error().contains("timed out"), stalled.error());
    assertTrue(tookMillis < 5_000, "the attempt's deadline covers the body: took " + tookMillis);

    llm.resetAll();
    llm.stubFor(post(COMPLETIONS).willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9))));
    Verdict next = oneAtATime.judge(sample(), "- итог", SAMPLING);
    assertFalse(next.isError(), "the only permit was released: " + next.error());
  }

  @Test
  void a500IsRetriedThenRecordedAsError() {
    llm.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(503)));
    Verdict verdict = judge(2, 2, Duration.ofSeconds(5), 16).judge(sample(), "- итог", SAMPLING);
    assertTrue(verdict.isError());
    assertTrue(verdict.error().contains("HTTP 503"), verdict.error());
    assertEquals(3, requests(), "one call and two retries");
    assertTrue(verdict.scores().isEmpty(), "an error is never a score");
  }

  @Test
  void zeroRetriesFailsFast() {
    llm.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(500)));
    assertTrue(
        judge(0, 2, Duration.ofSeconds(5), 16).judge(sample(), "- итог", SAMPLING).isError());
    assertEquals(1, requests());
  }

  @Test
  void aTimeoutIsAnError() {
    llm.stubFor(
        post(COMPLETIONS)
            .willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9)).withFixedDelay(1500)));
    Verdict verdict = judge(0, 2, Duration.ofMillis(300), 16).judge(sample(), "- итог", SAMPLING);
    assertTrue(verdict.isError());
    assertTrue(verdict.error().contains("timed out"), verdict.error());
  }

  @Test
  void aMalformedAnswerIsReaskedThenRecordedAsError() {
    llm.stubFor(
        post(COMPLETIONS).willReturn(okJson(OpenAiStub.completion("Оценка: хорошо", "stop"))));
    Verdict verdict = judge(2, 2, Duration.ofSeconds(5), 16).judge(sample(), "- итог", SAMPLING);
    assertTrue(verdict.isError());
    assertTrue(verdict.error().contains("not the JSON"), verdict.error());
    assertEquals(3, requests(), "one ask and two re-asks");
  }

  @Test
  void aTruncatedAnswerIsReaskedThenRecordedAsError() {
    llm.stubFor(
        post(COMPLETIONS)
            .willReturn(okJson(OpenAiStub.completion("{\"coverage\":0.9,\"accu", "length"))));
    Verdict verdict = judge(2, 1, Duration.ofSeconds(5), 16).judge(sample(), "- итог", SAMPLING);
    assertTrue(verdict.isError());
    assertTrue(verdict.error().contains("truncated"), verdict.error());
    assertEquals(2, requests(), "one ask and one re-ask");
  }

  @Test
  void aReaskThatSucceedsGivesScores() {
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("reask")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(OpenAiStub.completion("{\"coverage\": 7}", "stop")))
            .willSetStateTo("fixed"));
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("reask")
            .whenScenarioStateIs("fixed")
            .willReturn(okJson(OpenAiStub.scores(0.6, 0.7, 0.8, 0.9))));
    Verdict verdict = judge().judge(sample(), "- итог", SAMPLING);
    assertEquals(0.6, verdict.scores().get("coverage"));
    assertEquals(2, requests());
  }

  @Test
  void theStubNeverSeesMoreInFlightCallsThanAllowed() throws Exception {
    llm.stubFor(
        post(COMPLETIONS)
            .willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9)).withFixedDelay(200)));
    LlmJudge judge = judge(0, 0, Duration.ofSeconds(5), 3);
    ExecutorService callers = Executors.newFixedThreadPool(10);
    List<Future<Verdict>> verdicts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Sample sample = sample();
      verdicts.add(callers.submit(() -> judge.judge(sample, "- итог", SAMPLING)));
    }
    for (Future<Verdict> verdict : verdicts) {
      assertFalse(verdict.get().isError());
    }
    callers.shutdown();
    int maxInFlight = OpenAiStub.maxInFlight(llm);
    assertTrue(maxInFlight <= 3, "stub saw " + maxInFlight + " calls at once");
    assertTrue(maxInFlight >= 2, "calls did run concurrently: " + maxInFlight);
  }

  @Test
  void anUnchangedJudgementIsCachedAndAnErrorIsNot() {
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("healthy"));
    llm.stubFor(
        post(COMPLETIONS)
            .inScenario("flaky")
            .whenScenarioStateIs("healthy")
            .willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9))));
    LlmJudge judge = judge(0, 0, Duration.ofSeconds(5), 16);
    Sample sample = sample();
    assertTrue(judge.judge(sample, "- итог", SAMPLING).isError());
    Verdict second = judge.judge(sample, "- итог", SAMPLING);
    assertFalse(second.isError(), "the error was not cached");
    Verdict third = judge.judge(sample, "- итог", SAMPLING);
    assertTrue(third.cached());
    assertEquals(second.scores(), third.scores());
    assertEquals(2, requests(), "the cached answer made no call");
    Verdict otherSummary = judge.judge(sample, "- другой итог", SAMPLING);
    assertFalse(otherSummary.cached());
    assertNull(otherSummary.error());
    assertEquals(3, requests());
    assertFalse(
        judge.judge(sample, "- итог", new Judge.Sampling(0.0, 43)).cached(),
        "the seed is part of the key");
    assertEquals(4, requests());
  }
}
