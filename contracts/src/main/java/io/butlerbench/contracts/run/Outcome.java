package io.butlerbench.contracts.run;

/**
 * Where a value lands against its thresholds, and how a run ends; the code is what dashboards and
 * alerts read ({@code benchmark_run_outcome}, {@code benchmark_metric_outcome}).
 */
public enum Outcome {
  PASS(0),
  WARN(1),
  FAIL(2),
  /**
   * A run only, never a metric: too many samples errored, or not every sample has a stored result.
   * Inconclusive: gates report it as an infrastructure failure, never as a quality verdict.
   */
  ERROR(3);

  private final int code;

  Outcome(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Outcome worst(Outcome a, Outcome b) {
    return a.code >= b.code ? a : b;
  }
}
