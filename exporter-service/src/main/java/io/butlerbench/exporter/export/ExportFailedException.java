package io.butlerbench.exporter.export;

import io.butlerbench.exporter.dataset.ValidationReport;

/**
 * An export that publishes nothing: no document matched, or the strict policy met an invalid
 * record. Answered with 422; whatever was published before stays as it was.
 */
public class ExportFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final transient ValidationReport report;

  public ExportFailedException(String rule, String message, ValidationReport report) {
    super(message);
    this.rule = rule;
    this.report = report;
  }

  /** {@code no-matching-documents}, {@code invalid-records} or {@code all-records-invalid}. */
  public String rule() {
    return rule;
  }

  /** The validation report, when records were checked. */
  public ValidationReport report() {
    return report;
  }
}
