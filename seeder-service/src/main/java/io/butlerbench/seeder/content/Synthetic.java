package io.butlerbench.seeder.content;

import java.util.List;
import org.bson.Document;

/** The {@code synthetic} sub-document: how a document was generated and which defect it carries. */
final class Synthetic {
  static final String GENERATOR = "butler-bench-seeder/1";

  private Synthetic() {}

  static Document label(long seed, Defect defect) {
    return new Document("generator", GENERATOR)
        .append("seed", seed)
        .append("injected_defects", defect == null ? List.of() : List.of(defect.label()));
  }
}
