package io.butlerbench.pilot.decision;

import io.butlerbench.contracts.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The go/no-go rule of the pilot (MLflow's rule, lessons rule 14). First, the two runs must be
 * worth comparing: the same scenario, dataset, dataset version, judge, judge model and prompt
 * version (a missing field is never taken as equal), and each conclusive (its share of ERROR
 * samples within the limit, its outcome not ERROR; the evaluation not FAIL either). Then the
 * candidate passes when coverage and accuracy exceed the absolute floor (0.90), every quality
 * metric beats the baseline by at least a minimum absolute or relative change, and latency p95 is
 * not worse than the baseline by more than a margin. The first rule that fails decides, and is
 * named; every check is listed.
 */
public record DecisionRule(
    double absoluteFloor,
    double minAbsoluteImprovement,
    double minRelativeImprovement,
    double latencyMargin,
    double maxErrorShare) {

  public static final List<String> FLOOR_METRICS =
      List.of(Metric.COVERAGE.key(), Metric.ACCURACY.key());
  public static final List<String> QUALITY = Metric.JUDGED_KEYS;
  public static final String LATENCY = "latency_p95";

  /** Outcomes a baseline may have: a failing baseline is why a pilot exists, ERROR says nothing. */
  private static final Set<String> CONCLUSIVE = Set.of("PASS", "WARN", "FAIL");

  /** Outcomes an evaluation needs for a go. */
  private static final Set<String> ACCEPTABLE = Set.of("PASS", "WARN");

  /**
   * The proposal and every check behind it; {@code decidedBy} names the rule that decided. A no-go
   * that is not {@code overridable} says the comparison itself is void (runs not alike, or not
   * conclusive): no person can turn it into a go, since no metric was measured that could justify
   * one.
   */
  public record Decision(boolean go, String decidedBy, List<String> checks, boolean overridable) {}

  public Decision decide(RunSummary baseline, RunSummary candidate) {
    List<String> checks = new ArrayList<>();
    String decidedBy = null;
    for (String field : RunSummary.COMPARABLE) {
      String before = baseline.comparable(field);
      String after = candidate.comparable(field);
      boolean ok = before != null && before.equals(after);
      checks.add(
          String.format(
              Locale.ROOT,
              "%s of baseline %s and evaluation %s is the same: %s",
              field,
              before == null ? "(missing)" : before,
              after == null ? "(missing)" : after,
              ok ? "yes" : "no"));
      if (!ok && decidedBy == null) {
        decidedBy = "comparable:" + field;
      }
    }
    for (Map.Entry<String, RunSummary> run :
        List.of(Map.entry("baseline", baseline), Map.entry("evaluation", candidate))) {
      Double share = run.getValue().errorShare();
      boolean shareOk = share != null && share <= maxErrorShare;
      checks.add(
          String.format(
              Locale.ROOT,
              "%s error share %s <= %.4f: %s",
              run.getKey(),
              share == null ? "(missing)" : String.format(Locale.ROOT, "%.4f", share),
              maxErrorShare,
              shareOk ? "yes" : "no"));
      if (!shareOk && decidedBy == null) {
        decidedBy = "error-share:" + run.getKey();
      }
      Set<String> allowed = run.getKey().equals("baseline") ? CONCLUSIVE : ACCEPTABLE;
      String outcome = run.getValue().outcome();
      boolean outcomeOk = outcome != null && allowed.contains(outcome);
      checks.add(
          String.format(
              Locale.ROOT,
              "%s outcome %s is one of %s: %s",
              run.getKey(),
              outcome == null ? "(missing)" : outcome,
              allowed.stream().sorted().toList(),
              outcomeOk ? "yes" : "no"));
      if (!outcomeOk && decidedBy == null) {
        decidedBy = "outcome:" + run.getKey();
      }
    }
    boolean comparisonHolds = decidedBy == null;
    Map<String, Double> before = baseline.metrics();
    Map<String, Double> after = candidate.metrics();
    for (String metric : FLOOR_METRICS) {
      double value = after.getOrDefault(metric, Double.NaN);
      boolean ok = value > absoluteFloor;
      checks.add(
          String.format(
              Locale.ROOT, "%s %.4f > %.2f: %s", metric, value, absoluteFloor, ok ? "yes" : "no"));
      if (!ok && decidedBy == null) {
        decidedBy = "absolute-floor:" + metric;
      }
    }
    for (String metric : QUALITY) {
      double old = before.getOrDefault(metric, Double.NaN);
      double now = after.getOrDefault(metric, Double.NaN);
      double gain = now - old;
      double relative = old == 0 ? Double.POSITIVE_INFINITY : gain / old;
      boolean ok = gain >= minAbsoluteImprovement || relative >= minRelativeImprovement;
      checks.add(
          String.format(
              Locale.ROOT,
              "%s %.4f -> %.4f (%+.4f, %+.2f %%) beats baseline by >= %.4f or >= %.2f %%: %s",
              metric,
              old,
              now,
              gain,
              relative * 100,
              minAbsoluteImprovement,
              minRelativeImprovement * 100,
              ok ? "yes" : "no"));
      if (!ok && decidedBy == null) {
        decidedBy = "improvement:" + metric;
      }
    }
    double latencyBefore = before.getOrDefault(LATENCY, Double.NaN);
    double latencyAfter = after.getOrDefault(LATENCY, Double.NaN);
    boolean latencyOk = latencyAfter <= latencyBefore * (1 + latencyMargin);
    checks.add(
        String.format(
            Locale.ROOT,
            "latency_p95 %.2f s -> %.2f s within +%.0f %% of baseline: %s",
            latencyBefore,
            latencyAfter,
            latencyMargin * 100,
            latencyOk ? "yes" : "no"));
    if (!latencyOk && decidedBy == null) {
      decidedBy = "latency-margin";
    }
    return new Decision(
        decidedBy == null,
        decidedBy == null ? "all-rules-pass" : decidedBy,
        checks,
        comparisonHolds);
  }
}
