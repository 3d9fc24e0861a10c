package io.butlerbench.exporter.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.butlerbench.exporter.dataset.ValidationReport;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 422 problem (RFC 9457) of an export that published nothing, with its validation report. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A problem (RFC 9457): why an export published nothing")
public record ExportRefusal(
    String type,
    String title,
    int status,
    String detail,
    @Schema(
            description = "Why nothing was published",
            enumeration = {"no-matching-documents", "invalid-records", "all-records-invalid"})
        String rule,
    @Schema(description = "The records checked and how they broke the schema, when any were")
        ValidationReport validation) {

  public static final int STATUS = 422;

  static ExportRefusal of(ExportFailedException e) {
    return new ExportRefusal(
        "urn:butler-bench:problem:" + e.rule(),
        "Export not published",
        STATUS,
        e.getMessage(),
        e.rule(),
        e.report());
  }
}
