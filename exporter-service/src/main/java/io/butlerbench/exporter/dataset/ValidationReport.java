package io.butlerbench.exporter.dataset;

import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.exporter.schema.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which records broke the schema and how. {@code line} is the 1-based line of an uploaded JSONL
 * file, or the position among the exported documents. At most {@link #MAX_LISTED} records are
 * listed; {@code invalid} counts them all.
 */
@RegisterForReflection
@Schema(
    description = "Which records broke the schema and how; the records passed when invalid is 0")
public record ValidationReport(
    @Schema(example = RecordSchema.VERSION) String schemaVersion,
    long recordsChecked,
    long invalid,
    @Schema(description = "The first " + MAX_LISTED + " invalid records")
        List<InvalidRecord> invalidRecords,
    @Schema(description = "Whether more records were invalid than are listed") boolean truncated) {

  public static final int MAX_LISTED = 1000;

  @RegisterForReflection
  public record InvalidRecord(
      @Schema(description = "1-based line of the upload, or position among the exported documents")
          long line,
      @Schema(
              description =
                  "The record's sample_id (the document's _id on export), when it has one")
          String sampleId,
      List<Violation> violations) {}
}
