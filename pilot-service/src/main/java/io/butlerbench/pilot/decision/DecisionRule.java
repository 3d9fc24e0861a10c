package io.butlerbench.pilot.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The go/no-go rule of the pilot (MLflow's rule, lessons rule 14): the candidate passes when
 * coverage and accuracy exceed the absolute floor (0.90), every quality metric beats the baseline
 * by at least a minimum absolute or relative change, and latency p95 is not worse than the baseline
 * by more than a margin. The first rule that fails decides, and is named.
 */
public record DecisionRule(
    double absoluteFloor,
    double minAbsoluteImprovement,
    double minRelativeImprovement,
    double latencyMargin) {

  public static final List<String> FLOOR_METRICS = List.of("coverage", "accuracy");
  public static final List<String> QUALITY =
      List.of("coverage", "accuracy", "coherence", "informativeness");
  public static final String LATENCY = "latency_p95";

  /** The proposal and every check behind it; {@code decidedBy} names the rule that decided. */
  public record Decision(boolean go, String decidedBy, List<String> checks) {}

  public Decision decide(Map<String, Double> baseline, Map<String, Double> candidate) {
    List<String> checks = new ArrayList<>();
    String decidedBy = null;
    for (String metric : FLOOR_METRICS) {
      double value = candidate.getOrDefault(metric, Double.NaN);
      boolean ok = value > absoluteFloor;
      checks.add(
          String.format(
              java.util.Locale.ROOT,
              "%s %.4f > %.2f: %s",
              metric,
              value,
              absoluteFloor,
              ok ? "yes" : "no"));
      if (!ok && decidedBy == null) {
        decidedBy = "absolute-floor:" + metric;
      }
    }
    for (String metric : QUALITY) {
      double before = baseline.getOrDefault(metric, Double.NaN);
      double after = candidate.getOrDefault(metric, Double.NaN);
      double gain = after - before;
      double relative = before == 0 ? Double.POSITIVE_INFINITY : gain / before;
      boolean ok = gain >= minAbsoluteImprovement || relative >= minRelativeImprovement;
      checks.add(
          String.format(
              java.util.Locale.ROOT,
              "%s %.4f -> %.4f (%+.4f, %+.2f %%) beats baseline by >= %.4f or >= %.2f %%: %s",
              metric,
              before,
              after,
              gain,
              relative * 100,
              minAbsoluteImprovement,
              minRelativeImprovement * 100,
              ok ? "yes" : "no"));
      if (!ok && decidedBy == null) {
        decidedBy = "improvement:" + metric;
      }
    }
    double latencyBefore = baseline.getOrDefault(LATENCY, Double.NaN);
    double latencyAfter = candidate.getOrDefault(LATENCY, Double.NaN);
    boolean latencyOk = latencyAfter <= latencyBefore * (1 + latencyMargin);
    checks.add(
        String.format(
            java.util.Locale.ROOT,
            "latency_p95 %.2f s -> %.2f s within +%.0f %% of baseline: %s",
            latencyBefore,
            latencyAfter,
            latencyMargin * 100,
            latencyOk ? "yes" : "no"));
    if (!latencyOk && decidedBy == null) {
      decidedBy = "latency-margin";
    }
    return new Decision(
        decidedBy == null, decidedBy == null ? "all-rules-pass" : decidedBy, checks);
  }
}
