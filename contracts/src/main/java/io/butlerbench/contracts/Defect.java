package io.butlerbench.contracts;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A degradation the seeder injects on purpose, so judges can be checked against known answers: its
 * wire {@link #label()} (stored in {@code synthetic.injected_defects}) and the judged {@link
 * Metric} it is meant to lower. The one defect-to-metric map of the whole system.
 */
public enum Defect {
  KEY_POST_OMITTED("key_post_omitted", Metric.COVERAGE),
  INVENTED_FACT("invented_fact", Metric.ACCURACY),
  SHUFFLED_ORDER("shuffled_order", Metric.COHERENCE),
  FILLER("filler", Metric.INFORMATIVENESS);

  /** Wire label to target metric key, sorted by label. */
  public static final Map<String, String> TARGETS_BY_LABEL = targetsByLabel();

  private final String label;
  private final Metric target;

  Defect(String label, Metric target) {
    this.label = label;
    this.target = target;
  }

  /** The value stored in {@code synthetic.injected_defects}. */
  public String label() {
    return label;
  }

  /** The judged metric this defect lowers. */
  public Metric target() {
    return target;
  }

  /** The defect with this wire label, if any. */
  public static Optional<Defect> fromLabel(String label) {
    return Arrays.stream(values()).filter(defect -> defect.label.equals(label)).findFirst();
  }

  private static Map<String, String> targetsByLabel() {
    Map<String, String> targets = new TreeMap<>();
    for (Defect defect : values()) {
      targets.put(defect.label, defect.target.key());
    }
    return Collections.unmodifiableMap(targets);
  }
}
