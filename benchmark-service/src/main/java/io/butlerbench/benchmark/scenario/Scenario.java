package io.butlerbench.benchmark.scenario;

import java.util.Map;

/**
 * A benchmark scenario: the dataset it runs on and a threshold per metric. Quality metrics are
 * means over samples; {@code latency_p95} is the 95th percentile of latency.
 */
public record Scenario(String name, String datasetId, Map<String, Threshold> thresholds) {
  public static final String LATENCY = "latency_p95";
  public static final java.util.List<String> QUALITY =
      java.util.List.of("coverage", "accuracy", "coherence", "informativeness");
}
