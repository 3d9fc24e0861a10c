package io.butlerbench.benchmark.scenario;

import io.butlerbench.contracts.Metric;
import java.util.Map;

/**
 * A benchmark scenario: the dataset it runs on and a threshold per metric. Quality metrics are
 * means over samples; {@code latency_p95} is the 95th percentile of latency.
 */
public record Scenario(String name, String datasetId, Map<String, Threshold> thresholds) {
  public static final String LATENCY = "latency_p95";

  /** The judged metrics' wire keys, in their canonical order. */
  public static final java.util.List<String> QUALITY = Metric.JUDGED_KEYS;
}
