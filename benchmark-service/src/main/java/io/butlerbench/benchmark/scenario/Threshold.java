package io.butlerbench.benchmark.scenario;

import io.butlerbench.contracts.run.Outcome;

/**
 * Pass and warn limits of one metric. Higher is better unless {@code lowerIsBetter} (latency). A
 * value exactly on a limit belongs to the better band: coverage 0.88 passes, 0.80 warns; latency
 * 210 s passes, 240 s warns.
 */
public record Threshold(double pass, double warn, boolean lowerIsBetter) {

  public Threshold {
    if (lowerIsBetter ? warn < pass : warn > pass) {
      throw new IllegalArgumentException(
          "warn limit " + warn + " is better than pass limit " + pass);
    }
  }

  public Outcome outcome(double value) {
    if (lowerIsBetter) {
      return value <= pass ? Outcome.PASS : value <= warn ? Outcome.WARN : Outcome.FAIL;
    }
    return value >= pass ? Outcome.PASS : value >= warn ? Outcome.WARN : Outcome.FAIL;
  }
}
