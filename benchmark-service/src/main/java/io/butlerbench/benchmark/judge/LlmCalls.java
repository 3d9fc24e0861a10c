package io.butlerbench.benchmark.judge;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Calls to the LLM endpoint with the failure rules of the project, declared with SmallRye Fault
 * Tolerance and tuned by its MicroProfile keys in {@code application.properties}: at most {@code
 * Bulkhead/value} calls in flight across runs, the others waiting their turn (non-blocking, so a
 * waiting call holds no thread); 429, 5xx, transport failures and timeouts retried up to {@code
 * Retry/maxRetries} times (0 fails fast) after the wait of {@link RetryAfterBackoff}; a circuit
 * breaker that stops calling an endpoint that keeps failing. A refusal other than 429 is final.
 *
 * <p>The fault tolerance applies in the order retry, circuit breaker, in-flight limit: an attempt
 * waiting to retry holds no permit, and each attempt's {@code @Timeout} ({@link LlmAttempt}) starts
 * once it holds one.
 */
@ApplicationScoped
public class LlmCalls {
  private final LlmAttempt attempt;

  public LlmCalls(LlmAttempt attempt) {
    this.attempt = attempt;
  }

  /** Each attempt made is counted in {@code attempts}. */
  @AsynchronousNonBlocking
  @Bulkhead(value = 16, waitingTaskQueue = 100_000)
  @CircuitBreaker(
      requestVolumeThreshold = 50,
      failureRatio = 0.8,
      delay = 30_000,
      skipOn = LlmCallFailure.Rejected.class)
  @Retry(
      maxRetries = 3,
      delay = 500,
      jitter = 0,
      maxDuration = 3_600_000,
      abortOn = {LlmCallFailure.Rejected.class, CircuitBreakerOpenException.class})
  @CustomBackoff(RetryAfterBackoff.class)
  public Uni<LlmAttempt.Answer> complete(ChatRequest request, AtomicInteger attempts) {
    return Uni.createFrom()
        .deferred(
            () -> {
              attempts.incrementAndGet();
              return attempt.send(request);
            });
  }
}
