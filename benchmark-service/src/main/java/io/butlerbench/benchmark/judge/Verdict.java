package io.butlerbench.benchmark.judge;

import java.util.Map;

/**
 * A judge's answer for one sample: scores, or an error that is never turned into a score. Tokens
 * and calls count what it cost; {@code cached} answers cost nothing.
 */
public record Verdict(
    Map<String, Double> scores,
    String error,
    long promptTokens,
    long completionTokens,
    int calls,
    boolean cached) {

  public static Verdict scored(Map<String, Double> scores) {
    return new Verdict(Map.copyOf(scores), null, 0, 0, 0, false);
  }

  public static Verdict error(String reason, int calls) {
    return new Verdict(Map.of(), reason, 0, 0, calls, false);
  }

  public boolean isError() {
    return error != null;
  }
}
