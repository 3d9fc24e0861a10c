package io.butlerbench.pilot.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionRuleTest {
  /** floor 0.90; +0.01 absolute or +2 % relative; latency at most 10 % worse; 10 % errors. */
  final DecisionRule rule = new DecisionRule(0.90, 0.01, 0.02, 0.10, 0.10);

  /** A run read as the pilot's benchmark client reads it: snake_case, ISO-8601 dates. */
  static final ObjectMapper BENCHMARK_JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .findAndRegisterModules();

  /** A run judged like every other run here, which passed with no errored sample. */
  static RunSummary metrics(
      double coverage, double accuracy, double coherence, double info, double latency) {
    Map<String, Double> values = new HashMap<>();
    values.put("coverage", coverage);
    values.put("accuracy", accuracy);
    values.put("coherence", coherence);
    values.put("informativeness", info);
    values.put("latency_p95", latency);
    return new RunSummary(
        "run-1",
        "qwen-7b",
        "channel_digest_ru",
        "benchmark_digest_ru_v1",
        "v1",
        "llm",
        "gpt-4o",
        "benchmark-2025-11-v1",
        "COMPLETED",
        "PASS",
        0.0,
        0L,
        values);
  }

  static final RunSummary BASELINE = metrics(0.88, 0.89, 0.85, 0.84, 200);
  static final RunSummary GOOD = metrics(0.92, 0.93, 0.87, 0.86, 205);

  /**
   * {@code run} as the benchmark would have answered it with {@code field} set to {@code value}.
   */
  static RunSummary with(RunSummary run, String field, Object value) {
    Document stored = run.toDocument();
    if (value == null) {
      stored.remove(field);
    } else {
      stored.put(field, value);
    }
    return RunSummary.fromStored(stored);
  }

  @Test
  void aCandidateThatClearsEveryRuleIsGo() {
    DecisionRule.Decision decision = rule.decide(BASELINE, GOOD);
    assertTrue(decision.go());
    assertEquals("all-rules-pass", decision.decidedBy());
    // 6 comparability checks, error share and outcome of both runs, 7 metric checks
    assertEquals(17, decision.checks().size());
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
    DecisionRule lenientAbsolute = new DecisionRule(0.90, 0.05, 0.02, 0.10, 0.10);
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

  @Test
  void aCandidateJudgedByAnotherJudgeThanItsBaselineIsNoGoThatNobodyCanOverride() {
    // tried by a user: baseline judged by reference, candidate by llm, "go" and promoted
    DecisionRule.Decision decision =
        rule.decide(with(BASELINE, "judge", "reference"), with(GOOD, "judge", "llm"));
    assertFalse(decision.go());
    assertEquals("comparable:judge", decision.decidedBy());
    assertFalse(decision.overridable());
    assertTrue(
        decision
            .checks()
            .contains("judge of baseline reference and evaluation llm is the same: no"),
        decision.checks().toString());
  }

  @ParameterizedTest(name = "{0} differs -> no-go")
  @CsvSource({
    "scenario,review_summary_ru",
    "dataset_id,benchmark_review_ru_v1",
    "dataset_version,v2",
    "judge,reference",
    "judge_model,gpt-4o-mini",
    "prompt_version,benchmark-2026-01-v2"
  })
  void onlyLikeIsComparedWithLike(String field, String other) {
    DecisionRule.Decision decision = rule.decide(BASELINE, with(GOOD, field, other));
    assertFalse(decision.go());
    assertEquals("comparable:" + field, decision.decidedBy());
    assertFalse(decision.overridable());
  }

  @ParameterizedTest(name = "{0} missing -> no-go")
  @ValueSource(
      strings = {
        "scenario",
        "dataset_id",
        "dataset_version",
        "judge",
        "judge_model",
        "prompt_version"
      })
  void aMissingFieldIsNeverTakenAsComparable(String field) {
    DecisionRule.Decision bothMissing =
        rule.decide(with(BASELINE, field, null), with(GOOD, field, null));
    assertFalse(bothMissing.go());
    assertEquals("comparable:" + field, bothMissing.decidedBy());
    assertFalse(rule.decide(BASELINE, with(GOOD, field, null)).go());
  }

  @ParameterizedTest(name = "evaluation outcome {0} -> no-go")
  @CsvSource({"FAIL", "ERROR", "RUNNING"})
  void aFailedOrInconclusiveEvaluationIsNoGo(String outcome) {
    DecisionRule.Decision decision = rule.decide(BASELINE, with(GOOD, "outcome", outcome));
    assertFalse(decision.go());
    assertEquals("outcome:evaluation", decision.decidedBy());
    assertFalse(decision.overridable());
  }

  @Test
  void aFailingBaselineCanBeBeatenButAnInconclusiveOneCannot() {
    assertTrue(rule.decide(with(BASELINE, "outcome", "FAIL"), GOOD).go());
    DecisionRule.Decision inconclusive = rule.decide(with(BASELINE, "outcome", "ERROR"), GOOD);
    assertFalse(inconclusive.go());
    assertEquals("outcome:baseline", inconclusive.decidedBy());
  }

  @ParameterizedTest(name = "evaluation error share {0} -> go {1}")
  @CsvSource({"0.10,true", "0.1001,false", "0.6,false"})
  void anEvaluationWithTooManyErroredSamplesIsNoGo(double share, boolean go) {
    DecisionRule.Decision decision = rule.decide(BASELINE, with(GOOD, "error_share", share));
    assertEquals(go, decision.go(), decision.checks().toString());
    if (!go) {
      assertEquals("error-share:evaluation", decision.decidedBy());
      assertFalse(decision.overridable());
    }
  }

  @Test
  void aMissingErrorShareOrOutcomeIsNoGo() {
    assertEquals(
        "error-share:baseline", rule.decide(with(BASELINE, "error_share", null), GOOD).decidedBy());
    assertEquals(
        "outcome:evaluation", rule.decide(BASELINE, with(GOOD, "outcome", null)).decidedBy());
  }

  @Test
  void aMetricNoGoOnComparableRunsMayBeOverriddenByAPerson() {
    DecisionRule.Decision decision = rule.decide(BASELINE, metrics(0.85, 0.93, 0.87, 0.86, 200));
    assertFalse(decision.go());
    assertEquals("absolute-floor:coverage", decision.decidedBy());
    assertTrue(decision.overridable());
  }

  @Test
  void aSummaryKeepsWhatTheBenchmarkAnswered() throws Exception {
    RunSummary run =
        RunSummary.fromBenchmark(
            BENCHMARK_JSON.readValue(
                "{\"run_id\":\"run-1\",\"scenario\":\"channel_digest_ru\","
                    + "\"dataset_id\":\"benchmark_digest_ru_v1\",\"dataset_version\":\"v1\","
                    + "\"judge\":\"llm\",\"judge_model\":\"gpt-4o\","
                    + "\"prompt_version\":\"benchmark-2025-11-v1\",\"status\":\"COMPLETED\","
                    + "\"outcome\":\"WARN\",\"error_share\":0.05,\"errors\":3,"
                    + "\"metrics\":[{\"metric\":\"coverage\",\"value\":0.91,\"outcome\":\"PASS\"}]}",
                io.butlerbench.contracts.run.RunSummary.class),
            "qwen-7b");
    assertEquals(run, RunSummary.fromStored(run.toDocument()));
    assertEquals("gpt-4o", run.judgeModel());
    assertEquals(0.05, run.errorShare());
    assertEquals(3L, run.errors());
    assertEquals(Map.of("coverage", 0.91), run.metrics());
    RunSummary bare =
        RunSummary.fromBenchmark(
            BENCHMARK_JSON.readValue(
                "{\"judge\":\"\"}", io.butlerbench.contracts.run.RunSummary.class),
            "m");
    assertNull(bare.judge());
    assertNull(bare.promptVersion());
    assertNull(bare.errorShare());
  }
}
