package io.butlerbench.exporter.dataset;

import io.butlerbench.exporter.schema.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Which records broke the schema and how. {@code line} is the 1-based line of an uploaded JSONL
 * file, or the position among the exported documents. At most {@link #MAX_LISTED} records are
 * listed; {@code invalid} counts them all.
 */
@RegisterForReflection
public record ValidationReport(
    String schemaVersion,
    long recordsChecked,
    long invalid,
    List<InvalidRecord> invalidRecords,
    boolean truncated) {

  public static final int MAX_LISTED = 1000;

  @RegisterForReflection
  public record InvalidRecord(long line, String sampleId, List<Violation> violations) {}
}
