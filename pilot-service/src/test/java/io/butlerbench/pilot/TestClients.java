package io.butlerbench.pilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.pilot.clients.BenchmarkApi;
import io.butlerbench.pilot.clients.BenchmarkCalls;
import io.butlerbench.pilot.clients.ExporterApi;
import io.butlerbench.pilot.clients.ExporterCalls;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.training.FineTuningApi;
import io.butlerbench.pilot.training.FineTuningCalls;
import io.butlerbench.pilot.training.OpenAiFineTuning;
import io.quarkus.arc.Arc;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pilot's REST clients pointed at a test's own stubs, for tests that build the plain-Java pilot
 * themselves (several services over one database, a restart, a slow provider), without the fault
 * tolerance of the application's calls. REST client proxies exist only inside a Quarkus
 * application, so such a test is a {@code @QuarkusTest}.
 */
public final class TestClients {
  private TestClients() {}

  public static Services services(String exporterUrl, String benchmarkUrl) {
    return new Services(
        new ExporterCalls(client(exporterUrl, Duration.ofSeconds(60)).build(ExporterApi.class)),
        new BenchmarkCalls(client(benchmarkUrl, Duration.ofSeconds(60)).build(BenchmarkApi.class)),
        Arc.container().instance(ObjectMapper.class).get());
  }

  public static OpenAiFineTuning fineTuning(String url, Optional<String> apiKey) {
    return fineTuning(url, apiKey, Duration.ofSeconds(60));
  }

  /** {@code timeout}: how long one call may wait for its answer. */
  public static OpenAiFineTuning fineTuning(String url, Optional<String> apiKey, Duration timeout) {
    QuarkusRestClientBuilder builder = client(url, timeout);
    apiKey.ifPresent(
        key ->
            builder.register(
                (ClientRequestFilter)
                    request -> request.getHeaders().putSingle("Authorization", "Bearer " + key)));
    return new OpenAiFineTuning(new FineTuningCalls(builder.build(FineTuningApi.class)));
  }

  private static QuarkusRestClientBuilder client(String url, Duration timeout) {
    return QuarkusRestClientBuilder.newBuilder()
        .baseUri(URI.create(url))
        .connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
