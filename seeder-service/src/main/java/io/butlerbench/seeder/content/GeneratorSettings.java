package io.butlerbench.seeder.content;

/**
 * What the synthetic documents claim about how they were produced, and how many are degraded.
 *
 * @param defectShare share of documents (0-1) that carry one injected {@link Defect}
 */
public record GeneratorSettings(
    double defectShare, String llmModel, String judgeModel, String promptVersion) {

  public GeneratorSettings {
    if (defectShare < 0 || defectShare > 1) {
      throw new IllegalArgumentException("defect share must be within 0-1, was " + defectShare);
    }
  }
}
