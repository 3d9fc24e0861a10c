package io.butlerbench.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics a judge scores, each 0.0-1.0, in their canonical order. {@link #key()} is the wire
 * name (JSON fields, stored documents, metric labels); it never depends on the constant's name.
 * Latency is measured, not judged, so it is not one of them.
 */
public enum Metric {
  COVERAGE("coverage"),
  ACCURACY("accuracy"),
  COHERENCE("coherence"),
  INFORMATIVENESS("informativeness");

  /** The judged metrics in their canonical order. */
  public static final List<Metric> JUDGED = List.of(values());

  /** The wire keys of the judged metrics, in their canonical order. */
  public static final List<String> JUDGED_KEYS = JUDGED.stream().map(Metric::key).toList();

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  /** The name on the wire and in stored documents. */
  public String key() {
    return key;
  }

  /** The metric with this wire key, if any. */
  public static Optional<Metric> fromKey(String key) {
    return Arrays.stream(values()).filter(metric -> metric.key.equals(key)).findFirst();
  }
}
