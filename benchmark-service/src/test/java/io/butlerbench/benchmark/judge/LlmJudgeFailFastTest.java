package io.butlerbench.benchmark.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * No retries, three calls in flight at most: failures are final at once, and errors are never
 * cached.
 */
@QuarkusTest
@TestProfile(LlmJudgeFailFastTest.NoRetries.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class LlmJudgeFailFastTest extends LlmJudgeContract {
  static final Settings SETTINGS = new Settings(0, Duration.ofSeconds(5), 3);

  /** The endpoint with the settings above. */
  public static class NoRetries extends Profile {
    public NoRetries() {
      super(SETTINGS);
    }
  }

  @Override
  Settings settings() {
    return SETTINGS;
  }

  @Test
  void zeroRetriesFailsFast() {
    llm.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(500)));
    assertTrue(judge(0, 2, Duration.ofSeconds(5), 3).judge(sample(), "- итог", SAMPLING).isError());
    assertEquals(1, requests());
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
    LlmJudge judge = judge(0, 0, Duration.ofSeconds(5), 3);
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
