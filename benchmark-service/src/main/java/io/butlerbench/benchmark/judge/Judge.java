package io.butlerbench.benchmark.judge;

/** Scores a summary of a sample's source on coverage, accuracy, coherence, informativeness. */
public interface Judge {
  /** {@code dry-run}, {@code reference} or {@code llm}: stored with every run. */
  String name();

  /** The model (or method) that judges, e.g. {@code gpt-4o} or {@code reference-v1}. */
  String model();

  /**
   * The rubric the scores answer to: the prompt version for the LLM judge, the method for the
   * others. Stored with every run so that only runs judged alike are compared.
   */
  default String promptVersion() {
    return model();
  }

  /** Sampling parameters of a run, recorded with it and part of the judge cache key. */
  record Sampling(double temperature, long seed) {}

  Verdict judge(Sample sample, String summary, Sampling sampling);
}
