package io.butlerbench.benchmark.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Chat completions for the LLM judge and candidate generation, as answers or as the failure that
 * ended them ({@link LlmException}), never a score. The calls and their fault tolerance are {@link
 * LlmCalls}'s.
 */
public class LlmEndpoint {
  private final LlmCalls calls;

  public LlmEndpoint(LlmCalls calls) {
    this.calls = calls;
  }

  /** One completed call: the answer, why it stopped, its tokens and its own latency. */
  public record Completion(
      String content,
      String finishReason,
      long promptTokens,
      long completionTokens,
      Duration latency,
      int attempts) {}

  /** A call that failed after its retries; never a score. */
  public static class LlmException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    LlmException(String message, int attempts) {
      super(message);
      this.attempts = attempts;
    }

    public int attempts() {
      return attempts;
    }
  }

  public Completion complete(ChatRequest request) throws LlmException, InterruptedException {
    AtomicInteger attempts = new AtomicInteger();
    LlmAttempt.Answer answer;
    try {
      answer = calls.complete(request, attempts).await().indefinitely();
    } catch (CompletionException e) {
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw failure(e.getCause() == null ? e : e.getCause(), attempts.get());
    } catch (RuntimeException e) {
      throw failure(e, attempts.get());
    }
    ChatCompletion completion = answer.completion();
    ChatCompletion.Choice choice = completion.first();
    ChatCompletion.Usage usage = completion.usage();
    return new Completion(
        choice == null || choice.message() == null ? null : choice.message().content(),
        choice == null ? null : choice.finishReason(),
        usage == null ? 0 : usage.promptTokens(),
        usage == null ? 0 : usage.completionTokens(),
        answer.latency(),
        attempts.get());
  }

  /** Why the call failed, with the attempts it took; a final refusal says what it was. */
  private static LlmException failure(Throwable failure, int attempts) {
    if (failure instanceof LlmCallFailure.Rejected rejected) {
      return new LlmException(rejected.getMessage(), attempts);
    }
    String reason;
    if (failure instanceof LlmCallFailure) {
      reason = failure.getMessage();
    } else if (failure instanceof TimeoutException) {
      reason = "timed out: " + failure.getMessage();
    } else if (failure instanceof CircuitBreakerOpenException) {
      reason = "circuit breaker open: the endpoint kept failing";
    } else if (causedBy(failure, JsonProcessingException.class)) {
      reason = "response is not JSON: " + failure.getMessage();
    } else {
      reason = "transport error: " + failure;
    }
    return new LlmException(reason + " after " + attempts + " attempt(s)", attempts);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
