package io.butlerbench.benchmark.judge;

/**
 * How a call to the LLM endpoint failed, as the retry rules need it: a 429 waits for its {@code
 * Retry-After} ({@link RetryAfterBackoff}), a 5xx backs off and is retried, any other refusal is
 * final. Never a score.
 */
public abstract class LlmCallFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LlmCallFailure(String message) {
    super(message, null, false, false);
  }

  /** HTTP 429; {@code retryAfter} is the raw header, null when absent. */
  public static final class RateLimited extends LlmCallFailure {
    private static final long serialVersionUID = 1L;
    private final String retryAfter;

    RateLimited(String retryAfter) {
      super("HTTP 429");
      this.retryAfter = retryAfter;
    }

    public String retryAfter() {
      return retryAfter;
    }
  }

  /** HTTP 5xx: the endpoint failed; retried. */
  public static final class ServerError extends LlmCallFailure {
    private static final long serialVersionUID = 1L;

    ServerError(int status) {
      super("HTTP " + status);
    }
  }

  /** Any other refusal (a 4xx): the request is wrong, so asking again cannot help. */
  public static final class Rejected extends LlmCallFailure {
    private static final long serialVersionUID = 1L;

    Rejected(int status, String body) {
      super("HTTP " + status + ": " + snippet(body));
    }

    private static String snippet(String body) {
      String text = body == null ? "" : body;
      return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
  }
}
