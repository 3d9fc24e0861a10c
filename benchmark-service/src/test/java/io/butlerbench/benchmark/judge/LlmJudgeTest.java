package io.butlerbench.benchmark.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Answers, re-asks, a 429's Retry-After and retried 5xx, with two retries per call. */
@QuarkusTest
@TestProfile(LlmJudgeTest.TwoRetries.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class LlmJudgeTest extends LlmJudgeContract {
  static final Settings SETTINGS = new Settings(2, Duration.ofSeconds(5), 16);

  /** The endpoint with the settings above. */
  public static class TwoRetries extends Profile {
    public TwoRetries() {
      super(SETTINGS);
    }
  }

  @Override
  Settings settings() {
    return SETTINGS;
  }

  LlmJudge judge() {
    return judge(2, 2, Duration.ofSeconds(5), 16);
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
    assertEquals(Optional.of(Duration.ZERO), RetryAfterBackoff.retryAfter("-1", max, clock));
    assertEquals(
        Optional.of(Duration.ofMillis(1500)), RetryAfterBackoff.retryAfter("1.5", max, clock));
    assertEquals(Optional.of(max), RetryAfterBackoff.retryAfter("99999999999999", max, clock));
    assertEquals(
        Optional.of(Duration.ofSeconds(7)),
        RetryAfterBackoff.retryAfter("Sun, 29 Nov 2026 12:00:07 GMT", max, clock));
    assertEquals(
        Optional.of(Duration.ZERO),
        RetryAfterBackoff.retryAfter("Sun, 29 Nov 2026 11:00:00 GMT", max, clock));
    assertEquals(Optional.empty(), RetryAfterBackoff.retryAfter("NaN", max, clock));
    assertEquals(Optional.empty(), RetryAfterBackoff.retryAfter("soon", max, clock));
    assertEquals(Optional.empty(), RetryAfterBackoff.retryAfter(null, max, clock));
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
}
