package io.butlerbench.benchmark.judge;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One attempt at a chat completion, bounded as a whole, headers and body, by its {@code @Timeout}
 * from the moment it is sent, and timed: latency is measured per attempt, from request sent to
 * answer read. A bean of its own so that {@link LlmCalls} calls it inside its in-flight limit: the
 * wait for a permit never counts against the timeout, and a timed-out attempt gives its permit back
 * at once.
 */
@ApplicationScoped
public class LlmAttempt {
  private final OpenAiClient client;

  public LlmAttempt(@RestClient OpenAiClient client) {
    this.client = client;
  }

  /** An answer and how long its attempt took. */
  public record Answer(ChatCompletion completion, Duration latency) {}

  @AsynchronousNonBlocking
  @Timeout(30_000)
  public Uni<Answer> send(ChatRequest request) {
    return Uni.createFrom()
        .deferred(
            () -> {
              long sent = System.nanoTime();
              return client
                  .complete(request)
                  .map(answer -> new Answer(answer, Duration.ofNanos(System.nanoTime() - sent)));
            });
  }
}
