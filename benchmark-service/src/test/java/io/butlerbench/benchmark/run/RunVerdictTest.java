package io.butlerbench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import io.butlerbench.contracts.run.DefectBreakdown;
import io.butlerbench.contracts.run.MetricResult;
import io.butlerbench.contracts.run.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict of a run from its results, on plain values: no MongoDB, no Quarkus. */
class RunVerdictTest {
  private static final Threshold COVERAGE = new Threshold(0.8, 0.7, false);
  private static final Threshold LATENCY = new Threshold(200, 240, true);

  private static Scenario scenario(Map<String, Threshold> thresholds) {
    return new Scenario("daily", "dataset-1", thresholds);
  }

  private static Scenario coverageAndLatency() {
    Map<String, Threshold> thresholds = new LinkedHashMap<>();
    thresholds.put("coverage", COVERAGE);
    thresholds.put(Scenario.LATENCY, LATENCY);
    return scenario(thresholds);
  }

  private static SampleResult ok(
      int repeat, double latency, Map<String, Double> scores, String... defects) {
    return new SampleResult(
        "run-1",
        "sample-" + repeat,
        repeat,
        List.of(defects),
        "OK",
        scores,
        null,
        null,
        latency,
        1L,
        false,
        10L,
        5L);
  }

  private static SampleResult error(double latency, long judgeCalls) {
    return new SampleResult(
        "run-1",
        "sample-e",
        0,
        List.of(),
        "ERROR",
        null,
        "judge timed out",
        null,
        latency,
        judgeCalls,
        false,
        0L,
        0L);
  }

  private static RunVerdict verdictOf(Scenario scenario, int repeats, List<SampleResult> results) {
    RunVerdict aggregate = new RunVerdict(scenario, repeats, 0.1, 0.01);
    results.forEach(aggregate::add);
    return aggregate;
  }

  @Test
  void meansOfScoresAndP95OfLatencyPass() {
    RunVerdict.Verdict verdict =
        verdictOf(
                coverageAndLatency(),
                1,
                List.of(
                    ok(0, 10, Map.of("coverage", 0.9)),
                    ok(0, 20, Map.of("coverage", 0.9)),
                    ok(0, 30, Map.of("coverage", 1.0)),
                    ok(0, 40, Map.of("coverage", 1.0))))
            .verdict(4, false);

    assertEquals(Outcome.PASS, verdict.outcome());
    assertEquals("every metric passes", verdict.reason());
    assertEquals(
        List.of(
            new MetricResult("coverage", 0.95, Outcome.PASS, 0.8, 0.7, 4L, 0.0, false),
            new MetricResult(Scenario.LATENCY, 38.5, Outcome.PASS, 200.0, 240.0, 4L, 0.0, false)),
        verdict.metrics());
    assertEquals(4, verdict.results());
    assertEquals(0, verdict.errors());
    assertEquals(4, verdict.judgeCalls());
    assertEquals(0.0, verdict.errorShare());
  }

  @Test
  void anErrorShareOverTheLimitIsInconclusive() {
    List<SampleResult> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(ok(0, 10, Map.of("coverage", 0.9)));
    }
    results.add(error(50, 3));
    results.add(error(0, 0));

    RunVerdict.Verdict verdict = verdictOf(coverageAndLatency(), 1, results).verdict(10, false);

    assertEquals(Outcome.ERROR, verdict.outcome());
    assertTrue(
        verdict.reason().startsWith("inconclusive: 20.0 % of samples errored (limit 10.0 %)"),
        verdict.reason());
    assertEquals(2, verdict.errors());
    assertEquals(0.2, verdict.errorShare());
    // an errored result still costs its judge calls, and its latency counts when it has one
    assertEquals(11, verdict.judgeCalls());
    assertEquals(9L, verdict.metrics().get(1).samples());
    assertEquals(8L, verdict.metrics().get(0).samples());
  }

  @Test
  void fewerResultsThanTheDatasetHoldsIsInconclusive() {
    RunVerdict.Verdict verdict =
        verdictOf(coverageAndLatency(), 1, List.of(ok(0, 10, Map.of("coverage", 0.9))))
            .verdict(2, false);

    assertEquals(Outcome.ERROR, verdict.outcome());
    assertTrue(
        verdict
            .reason()
            .startsWith("inconclusive: 1 results are stored for the 2 the dataset version holds"),
        verdict.reason());
  }

  @Test
  void aMetricNoResultScoredIsInconclusive() {
    RunVerdict.Verdict verdict =
        verdictOf(
                scenario(Map.of("accuracy", COVERAGE)),
                1,
                List.of(ok(0, 10, Map.of("coverage", 0.9))))
            .verdict(1, false);

    assertEquals(Outcome.ERROR, verdict.outcome());
    assertEquals("accuracy: no sample to aggregate, inconclusive", verdict.reason());
    assertTrue(verdict.metrics().isEmpty());
  }

  @Test
  void warnFailsOnlyWhenTheRunSaysSo() {
    List<SampleResult> results = List.of(ok(0, 10, Map.of("coverage", 0.75)));
    Scenario scenario = scenario(Map.of("coverage", COVERAGE));

    RunVerdict.Verdict lenient = verdictOf(scenario, 1, results).verdict(1, false);
    RunVerdict.Verdict strict = verdictOf(scenario, 1, results).verdict(1, true);

    assertEquals(Outcome.WARN, lenient.outcome());
    assertEquals("coverage 0.75 is WARN", lenient.reason());
    assertEquals(Outcome.FAIL, strict.outcome());
    assertEquals("coverage 0.75 is WARN; warn counts as failing for this run", strict.reason());
    assertEquals(Outcome.WARN, strict.metrics().get(0).outcome());
  }

  @Test
  void aValueWithinTheReviewBandOrTheSpreadOfRepeatsNeedsReview() {
    Scenario scenario = scenario(Map.of("coverage", COVERAGE));
    // 0.805 is 0.005 from the pass limit, within 1 % of it
    RunVerdict.Verdict nearLimit =
        verdictOf(scenario, 1, List.of(ok(0, 10, Map.of("coverage", 0.805)))).verdict(1, false);
    // 0.85 is clear of the band, but the two repeats disagree by more than its distance to 0.8
    RunVerdict.Verdict spread =
        verdictOf(
                scenario,
                2,
                List.of(ok(0, 10, Map.of("coverage", 0.7)), ok(1, 10, Map.of("coverage", 1.0))))
            .verdict(2, false);
    RunVerdict.Verdict steady =
        verdictOf(
                scenario,
                2,
                List.of(ok(0, 10, Map.of("coverage", 0.95)), ok(1, 10, Map.of("coverage", 0.95))))
            .verdict(2, false);

    assertTrue(nearLimit.metrics().get(0).reviewNeeded());
    assertEquals(Outcome.PASS, nearLimit.outcome());
    assertEquals(
        "coverage 0.805 is within the review band of a limit: review needed", nearLimit.reason());
    MetricResult spreadRow = spread.metrics().get(0);
    assertEquals(Outcome.PASS, spreadRow.outcome());
    assertEquals(0.2121, spreadRow.spread());
    assertTrue(spreadRow.reviewNeeded());
    assertFalse(steady.metrics().get(0).reviewNeeded());
    assertEquals(0.0, steady.metrics().get(0).spread());
  }

  @Test
  void eachDefectIsComparedWithCleanSamplesOnTheMetricItTargets() {
    RunVerdict.Verdict verdict =
        verdictOf(
                scenario(Map.of("coverage", COVERAGE)),
                1,
                List.of(
                    ok(0, 10, Map.of("coverage", 0.9)),
                    ok(0, 10, Map.of("coverage", 0.8)),
                    ok(0, 10, Map.of("coverage", 0.5), "key_post_omitted"),
                    // no informativeness score: filler has nothing to compare
                    ok(0, 10, Map.of("coverage", 0.9), "filler", "not_a_defect")))
            .verdict(4, false);

    assertEquals(
        List.of(new DefectBreakdown("key_post_omitted", "coverage", 0.5, 0.85, 1L)),
        verdict.defects());
    // defective samples still count in the metric's mean
    assertEquals(0.775, verdict.metrics().get(0).value());
  }
}
