package io.butlerbench.benchmark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.benchmark.judge.ChatCompletion;
import io.butlerbench.benchmark.judge.ChatRequest;
import io.butlerbench.benchmark.judge.OpenAiClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The chat completions endpoint outside Quarkus, for the throughput benchmark, which runs the
 * runner as plain Java: the REST client and its fault tolerance need the application. The stub
 * always answers, so what is measured is the runner's own pace.
 *
 * <p>Vetoed: Quarkus would otherwise take an implementation of a REST client interface for a bean.
 */
@Vetoed
final class JdkOpenAiClient implements OpenAiClient {
  private final URI completions;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newHttpClient();

  JdkOpenAiClient(String baseUrl, ObjectMapper json) {
    this.completions = URI.create(baseUrl + "/v1/chat/completions");
    this.json = json;
  }

  @Override
  public Uni<ChatCompletion> complete(ChatRequest request) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Uni.createFrom()
        .completionStage(
            () ->
                http.sendAsync(
                    HttpRequest.newBuilder(completions)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray()))
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("the stub answered HTTP " + response.statusCode());
              }
              try {
                return json.readValue(response.body(), ChatCompletion.class);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
