package io.butlerbench.benchmark.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.butlerbench.contracts.run.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdTest {
  static final Threshold COVERAGE = new Threshold(0.88, 0.80, false);
  static final Threshold LATENCY = new Threshold(210, 240, true);

  @ParameterizedTest(name = "coverage {0} -> {1}")
  @CsvSource({"1.0,PASS", "0.88,PASS", "0.8799,WARN", "0.80,WARN", "0.7999,FAIL", "0.0,FAIL"})
  void qualityBoundariesBelongToTheBetterBand(double value, Outcome expected) {
    assertEquals(expected, COVERAGE.outcome(value));
  }

  @ParameterizedTest(name = "latency p95 {0} s -> {1}")
  @CsvSource({"1,PASS", "210,PASS", "210.001,WARN", "240,WARN", "240.001,FAIL", "1000,FAIL"})
  void latencyBoundariesBelongToTheBetterBand(double value, Outcome expected) {
    assertEquals(expected, LATENCY.outcome(value));
  }

  @org.junit.jupiter.api.Test
  void aWarnLimitBetterThanThePassLimitIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class, () -> new Threshold(0.80, 0.88, false));
    assertThrows(IllegalArgumentException.class, () -> new Threshold(240, 210, true));
  }

  @org.junit.jupiter.api.Test
  void theWorstOutcomeWins() {
    assertEquals(Outcome.FAIL, Outcome.worst(Outcome.WARN, Outcome.FAIL));
    assertEquals(Outcome.WARN, Outcome.worst(Outcome.WARN, Outcome.PASS));
    assertEquals(2, Outcome.FAIL.code());
  }
}
