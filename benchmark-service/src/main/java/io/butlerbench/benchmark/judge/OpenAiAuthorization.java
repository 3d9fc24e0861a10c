package io.butlerbench.benchmark.judge;

import io.butlerbench.benchmark.BenchmarkConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Every call to the LLM endpoint carries the configured API key, when there is one. */
@ApplicationScoped
public class OpenAiAuthorization implements ClientHeadersFactory {
  private final BenchmarkConfig config;

  public OpenAiAuthorization(BenchmarkConfig config) {
    this.config = config;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    config
        .llm()
        .apiKey()
        .filter(key -> !key.isBlank())
        .ifPresent(key -> headers.add("Authorization", "Bearer " + key));
    return headers;
  }
}
