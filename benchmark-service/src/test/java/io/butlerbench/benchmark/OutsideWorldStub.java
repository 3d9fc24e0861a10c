package io.butlerbench.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * One WireMock server standing in for what the benchmark service calls: the exporter's REST API (a
 * component-test stub; the local stack runs the real exporter) and the OpenAI-compatible LLM
 * endpoint (which cannot be had here).
 */
public class OutsideWorldStub implements QuarkusTestResourceLifecycleManager {
  private WireMockServer server;

  /** Marks the test field that receives the running {@link WireMockServer}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectStub {}

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    server.stubFor(get("/q/health/live").willReturn(okJson("{\"status\":\"UP\"}")));
    return Map.of(
        "benchmark.exporter-url",
        server.baseUrl(),
        "benchmark.llm.url",
        server.baseUrl(),
        "benchmark.llm.backoff",
        "10ms",
        "benchmark.llm.max-retries",
        "1");
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        server, new TestInjector.AnnotatedAndMatchesType(InjectStub.class, WireMockServer.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
