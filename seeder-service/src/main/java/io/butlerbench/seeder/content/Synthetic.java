package io.butlerbench.seeder.content;

import io.butlerbench.seeder.corpus.SyntheticLabel;
import java.util.List;

/** The {@code synthetic} sub-document: how a document was generated and which defect it carries. */
final class Synthetic {
  static final String GENERATOR = "butler-bench-seeder/1";

  private Synthetic() {}

  static SyntheticLabel label(long seed, Defect defect) {
    return new SyntheticLabel(
        GENERATOR, seed, defect == null ? List.of() : List.of(defect.label()));
  }
}
