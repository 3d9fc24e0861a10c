package io.butlerbench.benchmark.judge;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The wait before the next attempt at the LLM endpoint: what a 429's {@code Retry-After} asks for
 * (clamped to {@code benchmark.llm.max-retry-after}), else exponential back-off with jitter from
 * the {@code @Retry} delay: {@code delay * 2^(n-1)} plus up to {@code delay} at random. SmallRye
 * Fault Tolerance makes one per retried call.
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {
  private static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(120);

  private long initialDelayMillis;
  private Duration maxRetryAfter;
  private int retries;

  @Override
  public void init(long initialDelayInMillis) {
    this.initialDelayMillis = initialDelayInMillis;
    this.maxRetryAfter =
        ConfigProvider.getConfig()
            .getOptionalValue("benchmark.llm.max-retry-after", Duration.class)
            .orElse(DEFAULT_MAX_RETRY_AFTER);
  }

  @Override
  public long nextDelayInMillis(Throwable failure) {
    retries++;
    if (failure instanceof LlmCallFailure.RateLimited limited) {
      Optional<Duration> asked = retryAfter(limited.retryAfter(), maxRetryAfter, Clock.systemUTC());
      if (asked.isPresent()) {
        return asked.get().toMillis();
      }
    }
    long base = initialDelayMillis << Math.min(retries - 1, 10);
    return base + ThreadLocalRandom.current().nextLong(initialDelayMillis + 1);
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
}
