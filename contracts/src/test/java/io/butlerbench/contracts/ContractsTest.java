package io.butlerbench.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the wire names to docs/reference (domain.md): judge scores {@code coverage}, {@code
 * accuracy}, {@code coherence}, {@code informativeness}, and the seeded defects (drops a key post,
 * invents a fact, shuffles order, pads with filler). A rename here breaks stored data and the other
 * services, so it must fail the build.
 */
class ContractsTest {
  @Test
  void judgedMetricKeysAreTheDomainNamesInCanonicalOrder() {
    assertEquals(
        List.of("coverage", "accuracy", "coherence", "informativeness"), Metric.JUDGED_KEYS);
    assertEquals(List.of(Metric.values()), Metric.JUDGED);
    assertEquals(Metric.COHERENCE, Metric.fromKey("coherence").orElseThrow());
    assertEquals(true, Metric.fromKey("latency_p95").isEmpty());
  }

  @Test
  void eachDefectTargetsItsMetric() {
    assertEquals(
        Map.of(
            "key_post_omitted", "coverage",
            "invented_fact", "accuracy",
            "shuffled_order", "coherence",
            "filler", "informativeness"),
        Defect.TARGETS_BY_LABEL);
    assertEquals(
        List.of("filler", "invented_fact", "key_post_omitted", "shuffled_order"),
        List.copyOf(Defect.TARGETS_BY_LABEL.keySet()));
    assertEquals(Defect.FILLER, Defect.fromLabel("filler").orElseThrow());
  }
}
