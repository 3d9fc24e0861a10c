package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import io.butlerbench.contracts.Defect;
import io.butlerbench.contracts.run.DefectBreakdown;
import io.butlerbench.contracts.run.MetricResult;
import io.butlerbench.contracts.run.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's verdict from its stored results, read one at a time: means over scored samples, p95 of
 * latency, the spread across repeats, the review band, the error share and the completeness check.
 * Only latencies are kept (one double per result); nothing else of a result stays in memory. Pure:
 * it neither reads nor writes MongoDB, so every rule of the verdict is tested on plain values.
 */
final class RunVerdict {
  /** Per injected defect, the metric it is meant to lower: one map for the whole service. */
  static final Map<String, String> DEFECT_TARGETS = Defect.TARGETS_BY_LABEL;

  private final Scenario scenario;
  private final int repeats;
  private final double maxErrorShare;
  private final double reviewBand;
  private final Map<String, Sum> byMetric = new HashMap<>();
  private final Map<String, Sum> byMetricAndRepeat = new HashMap<>();
  private final Map<String, Sum> byDefect = new HashMap<>();
  private final Map<String, Sum> cleanByMetric = new HashMap<>();
  private double[] latencies = new double[1024];
  private int latencyCount;
  private long results;
  private long errors;
  private long judgeCalls;

  RunVerdict(Scenario scenario, int repeats, double maxErrorShare, double reviewBand) {
    this.scenario = scenario;
    this.repeats = repeats;
    this.maxErrorShare = maxErrorShare;
    this.reviewBand = reviewBand;
  }

  private static final class Sum {
    double total;
    long count;

    void add(double value) {
      total += value;
      count++;
    }

    double mean() {
      return count == 0 ? Double.NaN : total / count;
    }
  }

  /** Takes one stored result. */
  void add(SampleResult result) {
    results++;
    judgeCalls += result.judgeCalls() == null ? 0 : result.judgeCalls();
    Double latency = result.latencySeconds();
    if (latency != null && latency > 0) {
      if (latencyCount == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[latencyCount++] = latency;
    }
    if ("ERROR".equals(result.status())) {
      errors++;
      return;
    }
    if (!"OK".equals(result.status())) {
      return;
    }
    Map<String, Double> scores = result.scores();
    List<String> defects = result.injectedDefects() == null ? List.of() : result.injectedDefects();
    int repeat = result.repeat() == null ? 0 : result.repeat();
    for (String metric : Scenario.QUALITY) {
      Double score = scores == null ? null : scores.get(metric);
      if (score == null) {
        continue;
      }
      sum(byMetric, metric).add(score);
      sum(byMetricAndRepeat, metric + "/" + repeat).add(score);
      if (defects.isEmpty()) {
        sum(cleanByMetric, metric).add(score);
      }
    }
    for (String defect : defects) {
      String metric = DEFECT_TARGETS.get(defect);
      Double score = metric == null || scores == null ? null : scores.get(metric);
      if (score != null) {
        sum(byDefect, defect).add(score);
      }
    }
  }

  private static Sum sum(Map<String, Sum> sums, String key) {
    return sums.computeIfAbsent(key, k -> new Sum());
  }

  private double errorShare() {
    return results == 0 ? 1.0 : (double) errors / results;
  }

  /**
   * The outcome, its reasons, one row per metric and per injected defect, and the counts the run's
   * end records (given how many results there should be).
   */
  record Verdict(
      Outcome outcome,
      String reason,
      List<MetricResult> metrics,
      List<DefectBreakdown> defects,
      long results,
      long errors,
      long judgeCalls,
      double errorShare) {}

  Verdict verdict(long expected, boolean warnAsFail) {
    List<MetricResult> rows = new ArrayList<>();
    Outcome overall = Outcome.PASS;
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, Threshold> entry : scenario.thresholds().entrySet()) {
      String metric = entry.getKey();
      boolean latency = metric.equals(Scenario.LATENCY);
      long samples = latency ? latencyCount : sum(byMetric, metric).count;
      if (samples == 0) {
        overall = Outcome.ERROR;
        reasons.add(metric + ": no sample to aggregate, inconclusive");
        continue;
      }
      double value =
          round(
              latency
                  ? Statistics.percentile(Arrays.copyOf(latencies, latencyCount), 95)
                  : sum(byMetric, metric).mean());
      Threshold threshold = entry.getValue();
      Outcome outcome = threshold.outcome(value);
      overall = Outcome.worst(overall, outcome);
      double spread = latency ? 0 : spreadAcrossRepeats(metric);
      boolean reviewNeeded = nearLimit(value, threshold, spread);
      rows.add(
          new MetricResult(
              metric,
              value,
              outcome,
              threshold.pass(),
              threshold.warn(),
              samples,
              round(spread),
              reviewNeeded));
      if (outcome != Outcome.PASS) {
        reasons.add(metric + " " + value + " is " + outcome.name());
      }
      if (reviewNeeded) {
        reasons.add(metric + " " + value + " is within the review band of a limit: review needed");
      }
    }
    if (errorShare() > maxErrorShare) {
      overall = Outcome.ERROR;
      reasons.add(
          0,
          String.format(
              Locale.ROOT,
              "inconclusive: %.1f %% of samples errored (limit %.1f %%)",
              errorShare() * 100,
              maxErrorShare * 100));
    }
    if (results != expected) {
      overall = Outcome.ERROR;
      reasons.add(
          0,
          "inconclusive: "
              + results
              + " results are stored for the "
              + expected
              + " the dataset version holds");
    }
    if (warnAsFail && overall == Outcome.WARN) {
      overall = Outcome.FAIL;
      reasons.add("warn counts as failing for this run");
    }
    return new Verdict(
        overall,
        reasons.isEmpty() ? "every metric passes" : String.join("; ", reasons),
        rows,
        defectBreakdown(),
        results,
        errors,
        judgeCalls,
        round(errorShare()));
  }

  /**
   * Standard deviation, across repeats, of the metric's mean over the samples of each repeat: how
   * much the judge moves between identical runs. Zero with a single repeat.
   */
  private double spreadAcrossRepeats(String metric) {
    if (repeats < 2) {
      return 0;
    }
    double[] means = new double[repeats];
    for (int repeat = 0; repeat < repeats; repeat++) {
      means[repeat] = sum(byMetricAndRepeat, metric + "/" + repeat).mean();
    }
    return Statistics.standardDeviation(means);
  }

  /**
   * A value within {@code reviewBand} (relative to the limit) or within the spread of a pass or
   * warn limit could flip between identical runs: it is flagged for a person rather than trusted.
   */
  private boolean nearLimit(double value, Threshold threshold, double spread) {
    for (double limit : new double[] {threshold.pass(), threshold.warn()}) {
      if (Math.abs(value - limit) <= Math.max(reviewBand * Math.abs(limit), spread)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Per injected defect: the mean of the metric it targets on samples that carry it, against the
   * mean on clean samples. A judge worth its name scores the defective ones lower.
   */
  private List<DefectBreakdown> defectBreakdown() {
    List<DefectBreakdown> rows = new ArrayList<>();
    for (Map.Entry<String, String> target : DEFECT_TARGETS.entrySet()) {
      Sum withDefect = sum(byDefect, target.getKey());
      Sum clean = sum(cleanByMetric, target.getValue());
      if (withDefect.count > 0 && clean.count > 0) {
        rows.add(
            new DefectBreakdown(
                target.getKey(),
                target.getValue(),
                round(withDefect.mean()),
                round(clean.mean()),
                withDefect.count));
      }
    }
    return rows;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
