package io.butlerbench.benchmark.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.butlerbench.contracts.run.Outcome;
import java.util.List;

/**
 * A candidate run against a base run of the same scenario ({@code GET /runs/{id}/compare/{other}}):
 * per metric the two values, their difference and, for the judged metrics, its 95 % bootstrap
 * interval; and the samples whose outcome changed, their total and one page of them.
 */
public record Comparison(
    String scenario,
    String baseRun,
    String baseDatasetVersion,
    String candidateRun,
    String candidateDatasetVersion,
    List<MetricDelta> metrics,
    List<ChangedSample> changedSamples,
    long changedSamplesTotal,
    int changedOffset,
    int changedLimit) {

  /**
   * One metric in both runs; {@code ci95_low} and {@code ci95_high} are left out for latency, a
   * percentile asked of MongoDB rather than resampled.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MetricDelta(
      String metric,
      double base,
      double candidate,
      double delta,
      Double ci95Low,
      Double ci95High,
      Outcome baseOutcome,
      Outcome candidateOutcome) {}

  /** A sample whose outcome (ERROR, or its worst quality metric) differs between the runs. */
  public record ChangedSample(String sampleId, Outcome base, Outcome candidate) {}
}
