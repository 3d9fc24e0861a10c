package io.butlerbench.seeder.content;

/**
 * A degradation the generator injects on purpose, so judges can be checked against known answers.
 * Each defect targets one judge metric, and the stored judge result scores that metric low. Labels
 * and targets come from the shared contract ({@link io.butlerbench.contracts.Defect}).
 */
public enum Defect {
  KEY_POST_OMITTED(io.butlerbench.contracts.Defect.KEY_POST_OMITTED),
  INVENTED_FACT(io.butlerbench.contracts.Defect.INVENTED_FACT),
  SHUFFLED_ORDER(io.butlerbench.contracts.Defect.SHUFFLED_ORDER),
  FILLER(io.butlerbench.contracts.Defect.FILLER);

  private final io.butlerbench.contracts.Defect contract;

  Defect(io.butlerbench.contracts.Defect contract) {
    this.contract = contract;
  }

  /** The value stored in {@code synthetic.injected_defects}. */
  public String label() {
    return contract.label();
  }

  /** The judge score this defect lowers. */
  public String targetMetric() {
    return contract.target().key();
  }
}
