package io.butlerbench.benchmark.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One call in flight at most, no retries, attempts bounded by a short timeout covering the body.
 */
@QuarkusTest
@TestProfile(LlmJudgeDeadlineTest.ShortTimeout.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class LlmJudgeDeadlineTest extends LlmJudgeContract {
  static final Settings SETTINGS = new Settings(0, Duration.ofMillis(800), 1);

  /** The endpoint with the settings above. */
  public static class ShortTimeout extends Profile {
    public ShortTimeout() {
      super(SETTINGS);
    }
  }

  @Override
  Settings settings() {
    return SETTINGS;
  }

  @Test
  void aResponseBodyThatStallsTimesOutAndReleasesItsPermit() {
    // headers and a first chunk within 0.25 s, then the body drips over 20 s: a timeout that
    // stopped at the headers would never fire
    llm.stubFor(
        post(COMPLETIONS)
            .willReturn(
                okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9)).withChunkedDribbleDelay(80, 20_000)));
    LlmJudge oneAtATime = judge(0, 0, Duration.ofMillis(800), 1);
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
  void aTimeoutIsAnError() {
    llm.stubFor(
        post(COMPLETIONS)
            .willReturn(okJson(OpenAiStub.scores(0.9, 0.9, 0.9, 0.9)).withFixedDelay(1500)));
    Verdict verdict = judge(0, 2, Duration.ofMillis(800), 1).judge(sample(), "- итог", SAMPLING);
    assertTrue(verdict.isError());
    assertTrue(verdict.error().contains("timed out"), verdict.error());
  }
}
