package io.butlerbench.benchmark.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/chat/completions} of an OpenAI-compatible endpoint, with the failure rules of the
 * project: 429 waits for {@code Retry-After}; 5xx and timeouts back off exponentially with jitter;
 * at most {@code maxRetries} retries (0 fails fast); at most {@code maxInFlight} calls at once.
 *
 * <p>Written on the JDK client rather than a REST client with a declarative {@code @Retry}: the
 * wait depends on each response's {@code Retry-After}, and latency must be measured per attempt,
 * from request sent to response received, excluding the queue and the back-off.
 *
 * <p>{@code timeout} bounds each attempt as a whole, headers and body: the JDK client's own request
 * timeout stops at the response headers, so a server that stalls mid-body would otherwise hold a
 * worker and an in-flight permit forever.
 */
public class LlmEndpoint {
  private final URI completions;
  private final Optional<String> apiKey;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration backoff;
  private final Duration maxRetryAfter;
  private final Semaphore inFlight;
  private final HttpClient http;
  private final ObjectMapper json;

  public LlmEndpoint(
      String baseUrl,
      Optional<String> apiKey,
      Duration timeout,
      int maxRetries,
      Duration backoff,
      Duration maxRetryAfter,
      int maxInFlight,
      ObjectMapper json) {
    this.completions = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/chat/completions");
    this.apiKey = apiKey.filter(key -> !key.isBlank());
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.backoff = backoff;
    this.maxRetryAfter = maxRetryAfter;
    this.inFlight = new Semaphore(maxInFlight, true);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.json = json;
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

  public Completion complete(ObjectNode body) throws LlmException, InterruptedException {
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("request does not serialise", e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(completions)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));

    String lastFailure = "no attempt made";
    for (int attempt = 1; attempt <= maxRetries + 1; attempt++) {
      HttpResponse<byte[]> response = null;
      long latencyNanos = 0;
      inFlight.acquire();
      CompletableFuture<HttpResponse<byte[]>> exchange = null;
      try {
        long sent = System.nanoTime();
        exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        latencyNanos = System.nanoTime() - sent;
      } catch (TimeoutException e) {
        lastFailure = "timed out after " + timeout.toMillis() + " ms";
      } catch (ExecutionException e) {
        lastFailure = "transport error: " + e.getCause();
      } finally {
        if (exchange != null) {
          exchange.cancel(true); // a no-op once complete; aborts a stalled or interrupted exchange
        }
        inFlight.release();
      }
      if (response == null) {
        sleepBackoff(attempt, null);
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        return parse(response.body(), Duration.ofNanos(latencyNanos), attempt);
      }
      lastFailure = "HTTP " + status;
      if (status == 429) {
        sleepBackoff(
            attempt,
            retryAfter(
                    response.headers().firstValue("Retry-After").orElse(null),
                    maxRetryAfter,
                    Clock.systemUTC())
                .orElse(null));
      } else if (status >= 500) {
        sleepBackoff(attempt, null);
      } else {
        throw new LlmException("HTTP " + status + ": " + snippet(response.body()), attempt);
      }
    }
    throw new LlmException(
        lastFailure + " after " + (maxRetries + 1) + " attempt(s)", maxRetries + 1);
  }

  private Completion parse(byte[] body, Duration latency, int attempts) throws LlmException {
    try {
      JsonNode answer = json.readTree(body);
      JsonNode choice = answer.path("choices").path(0);
      JsonNode usage = answer.path("usage");
      return new Completion(
          choice.path("message").path("content").asText(null),
          choice.path("finish_reason").asText(null),
          usage.path("prompt_tokens").asLong(0),
          usage.path("completion_tokens").asLong(0),
          latency,
          attempts);
    } catch (IOException e) {
      throw new LlmException("response is not JSON: " + e.getMessage(), attempts);
    }
  }

  /**
   * Waits before the next attempt: Retry-After when given, else exponential back-off with jitter.
   */
  private void sleepBackoff(int attempt, Duration retryAfter) throws InterruptedException {
    if (attempt > maxRetries) {
      return;
    }
    long millis;
    if (retryAfter != null) {
      millis = retryAfter.toMillis();
    } else {
      long base = backoff.toMillis() << Math.min(attempt - 1, 10);
      millis = base + ThreadLocalRandom.current().nextLong(backoff.toMillis() + 1);
    }
    Thread.sleep(millis);
  }

  /**
   * The wait a {@code Retry-After} header asks for (RFC 9110: delay-seconds or an HTTP date),
   * clamped to [0, {@code max}]; empty when absent or unreadable, so the back-off applies. A
   * negative or past value means "now", never a negative sleep.
   */
  static Optional<Duration> retryAfter(String header, Duration max, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Duration wait;
    try {
      double seconds = Double.parseDouble(header.trim());
      if (!Double.isFinite(seconds)) {
        return Optional.empty();
      }
      wait = Duration.ofMillis((long) (Math.min(seconds, max.toSeconds() + 1.0) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        wait = Duration.between(clock.instant(), at.toInstant());
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(wait.compareTo(max) > 0 ? max : wait);
  }

  private static String snippet(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
