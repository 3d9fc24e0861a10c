package io.butlerbench.seeder.content;

/**
 * A degradation the generator injects on purpose, so judges can be checked against known answers.
 * Each defect targets one judge metric, and the stored judge result scores that metric low.
 */
public enum Defect {
  KEY_POST_OMITTED("key_post_omitted", "coverage"),
  INVENTED_FACT("invented_fact", "accuracy"),
  SHUFFLED_ORDER("shuffled_order", "coherence"),
  FILLER("filler", "informativeness");

  private final String label;
  private final String targetMetric;

  Defect(String label, String targetMetric) {
    this.label = label;
    this.targetMetric = targetMetric;
  }

  /** The value stored in {@code synthetic.injected_defects}. */
  public String label() {
    return label;
  }

  /** The judge score this defect lowers. */
  public String targetMetric() {
    return targetMetric;
  }
}
