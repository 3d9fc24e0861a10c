package io.butlerbench.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One WireMock server for what a service calls in a component test: the OpenAI-compatible LLM
 * endpoint (which cannot be had here) and, in component tests only, the REST APIs of other services
 * (the local stack runs the real ones). Init arg {@code urls}: comma-separated configuration
 * properties to point at the stub. Inject it into a field annotated {@link InjectStub}.
 */
public class StubbedServicesResource implements QuarkusTestResourceLifecycleManager {
  private WireMockServer server;
  private String[] urlProperties = new String[0];

  /** Marks the test field that receives the running {@link WireMockServer}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectStub {}

  @Override
  public void init(Map<String, String> initArgs) {
    urlProperties = initArgs.getOrDefault("urls", "").split(",");
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    server.stubFor(get("/q/health/live").willReturn(okJson("{\"status\":\"UP\"}")));
    Map<String, String> properties = new LinkedHashMap<>();
    Arrays.stream(urlProperties)
        .filter(name -> !name.isBlank())
        .forEach(name -> properties.put(name.trim(), server.baseUrl()));
    return properties;
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
