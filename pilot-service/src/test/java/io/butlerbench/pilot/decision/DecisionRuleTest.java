package io.butlerbench.pilot.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionRuleTest {
  /** floor 0.90; +0.01 absolute or +2 % relative; latency at most 10 % worse. */
  final DecisionRule rule = new DecisionRule(0.90, 0.01, 0.02, 0.10);

  static Map<String, Double> metrics(
      double coverage, double accuracy, double coherence, double info, double latency) {
    Map<String, Double> values = new HashMap<>();
    values.put("coverage", coverage);
    values.put("accuracy", accuracy);
    values.put("coherence", coherence);
    values.put("informativeness", info);
    values.put("latency_p95", latency);
    return values;
  }

  static final Map<String, Double> BASELINE = metrics(0.88, 0.89, 0.85, 0.84, 200);

  @Test
  void aCandidateThatClearsEveryRuleIsGo() {
    DecisionRule.Decision decision = rule.decide(BASELINE, metrics(0.92, 0.93, 0.87, 0.86, 205));
    assertTrue(decision.go());
    assertEquals("all-rules-pass", decision.decidedBy());
    assertEquals(7, decision.checks().size());
  }

  @ParameterizedTest(name = "coverage {0} -> go {1}")
  @CsvSource({"0.9001,true", "0.90,false", "0.8999,false"})
  void theAbsoluteFloorIsStrict(double coverage, boolean go) {
    DecisionRule.Decision decision =
        rule.decide(BASELINE, metrics(coverage, 0.93, 0.87, 0.86, 200));
    assertEquals(go, decision.go(), decision.checks().toString());
    if (!go) {
      assertEquals("absolute-floor:coverage", decision.decidedBy());
    }
  }

  @ParameterizedTest(name = "coherence {0} -> go {1}")
  @CsvSource({
    // exactly +0.01 absolute passes
    "0.86,true",
    // +0.0099 absolute and +1.16 % relative: neither minimum is met
    "0.8599,false",
  })
  void improvementIsAbsoluteOrRelative(double coherence, boolean go) {
    DecisionRule.Decision decision =
        rule.decide(BASELINE, metrics(0.92, 0.93, coherence, 0.86, 200));
    assertEquals(go, decision.go(), decision.checks().toString());
    if (!go) {
      assertEquals("improvement:coherence", decision.decidedBy());
    }
  }

  @Test
  void aRelativeGainAloneIsEnough() {
    DecisionRule lenientAbsolute = new DecisionRule(0.90, 0.05, 0.02, 0.10);
    // informativeness 0.84 -> 0.8568 is +0.0168 absolute (< 0.05) but +2.0 % relative
    assertTrue(lenientAbsolute.decide(BASELINE, metrics(0.95, 0.95, 0.90, 0.8568, 200)).go());
  }

  @ParameterizedTest(name = "latency {0} s -> go {1}")
  @CsvSource({"220,true", "220.01,false"})
  void latencyMayBeWorseOnlyWithinTheMargin(double latency, boolean go) {
    DecisionRule.Decision decision =
        rule.decide(BASELINE, metrics(0.92, 0.93, 0.87, 0.86, latency));
    assertEquals(go, decision.go(), decision.checks().toString());
    if (!go) {
      assertEquals("latency-margin", decision.decidedBy());
    }
  }

  @Test
  void theFirstFailingRuleDecides() {
    DecisionRule.Decision decision = rule.decide(BASELINE, metrics(0.85, 0.80, 0.80, 0.80, 500));
    assertFalse(decision.go());
    assertEquals("absolute-floor:coverage", decision.decidedBy());
  }
}
