package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.scenario.Scenario;
import java.time.Duration;

/** A validated run request: what to judge, with which judge, how. */
public record RunPlan(
    Scenario scenario,
    String datasetVersion,
    long recordCount,
    String judge,
    String candidateModel,
    int concurrency,
    long seed,
    double temperature,
    boolean warnAsFail,
    int repeats,
    Duration deadline) {

  /** Results the run produces: every sample, every repeat. */
  public long totalResults() {
    return recordCount * repeats;
  }
}
