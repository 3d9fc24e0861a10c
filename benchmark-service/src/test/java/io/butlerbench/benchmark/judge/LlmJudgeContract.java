package io.butlerbench.benchmark.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.testing.MongoServerExtension;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our side of the OpenAI contract, including its failures, against a WireMock endpoint: the LLM
 * judge over the application's {@link LlmCalls}, whose fault tolerance (retries, the per-attempt
 * timeout, the in-flight limit) is configured once per application, so each subclass runs with the
 * {@link Settings} of its test profile. Each test gets a fresh judge cache and a reset stub.
 */
abstract class LlmJudgeContract {
  static final String COMPLETIONS = "/v1/chat/completions";
  static final Judge.Sampling SAMPLING = new Judge.Sampling(0.0, 42);
  private static final AtomicInteger SAMPLES = new AtomicInteger();

  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();

  @InjectStub WireMockServer llm;
  @Inject LlmCalls calls;
  JudgeCache cache;

  /** The endpoint's fault tolerance in a test profile, as MicroProfile Fault Tolerance keys. */
  record Settings(int maxRetries, Duration timeout, int maxInFlight) {
    Map<String, String> config() {
      Map<String, String> config = new LinkedHashMap<>();
      config.put("benchmark.llm.api-key", "sk-test");
      config.put("benchmark.llm.max-retry-after", "5S");
      String calls = "io.butlerbench.benchmark.judge.LlmCalls/complete/";
      for (String profile : List.of("", "%test.")) {
        config.put(profile + calls + "Retry/maxRetries", Integer.toString(maxRetries));
        config.put(profile + calls + "Retry/delay", "20");
        config.put(profile + calls + "Bulkhead/value", Integer.toString(maxInFlight));
        config.put(
            profile + "io.butlerbench.benchmark.judge.LlmAttempt/send/Timeout/value",
            Long.toString(timeout.toMillis()));
      }
      return config;
    }
  }

  /** A test profile running the endpoint with the given settings. */
  abstract static class Profile implements QuarkusTestProfile {
    private final Settings settings;

    Profile(Settings settings) {
      this.settings = settings;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return settings.config();
    }
  }

  /** The settings of this class's test profile. */
  abstract Settings settings();

  @BeforeEach
  void reset() {
    llm.resetAll();
    cache = new JudgeCache(MONGO.freshDatabase());
  }

  /** A judge over the application's endpoint, whose settings must be the ones asked for. */
  LlmJudge judge(int maxRetries, int maxReasks, Duration timeout, int maxInFlight) {
    assertEquals(
        new Settings(maxRetries, timeout, maxInFlight),
        settings(),
        "the test profile runs the endpoint with other settings");
    return new LlmJudge(
        new LlmEndpoint(calls),
        PromptTemplate.load("benchmark-2025-11-v1"),
        cache,
        new ObjectMapper(),
        "gpt-4o",
        400,
        maxReasks);
  }

  Sample sample() {
    int n = SAMPLES.incrementAndGet();
    return new Sample("s-" + n, "Исходный текст номер " + n, "- итог", 90, Map.of(), List.of());
  }

  int requests() {
    return llm.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS)).build()).getCount();
  }
}
