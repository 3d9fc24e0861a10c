package io.butlerbench.benchmark.judge;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * {@code POST /v1/chat/completions} of an OpenAI-compatible endpoint, with the API key added by
 * {@link OpenAiAuthorization}. Its fault tolerance is declared where it is called: the timeout of
 * an attempt in {@link LlmAttempt}, retries, back-off, the circuit breaker and the in-flight limit
 * in {@link LlmCalls}.
 */
@RegisterRestClient(configKey = "openai")
@RegisterClientHeaders(OpenAiAuthorization.class)
public interface OpenAiClient {

  // the path is on the method: on the interface, the service's own OpenAPI would list it
  @POST
  @Path("/v1/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Uni<ChatCompletion> complete(ChatRequest request);

  /** A refusal, as the failure the retry rules tell apart. */
  @ClientExceptionMapper
  static RuntimeException failure(Response response) {
    int status = response.getStatus();
    if (status == 429) {
      return new LlmCallFailure.RateLimited(response.getHeaderString("Retry-After"));
    }
    if (status >= 500) {
      return new LlmCallFailure.ServerError(status);
    }
    return new LlmCallFailure.Rejected(status, response.readEntity(String.class));
  }
}
