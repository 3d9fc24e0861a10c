package io.butlerbench.exporter.export;

import io.butlerbench.exporter.dataset.ValidationReport;
import io.butlerbench.exporter.dataset.ValidationReport.InvalidRecord;
import io.butlerbench.exporter.schema.RecordSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * What an export does with records that break the schema, and when it publishes nothing (422).
 * Every checked record is counted and the first {@link ValidationReport#MAX_LISTED} invalid ones
 * listed; under {@code skip} the valid records are published, under {@code fail} nothing is
 * published once one record is invalid, though every record is still checked for the report.
 */
final class InvalidRecordPolicy {
  private final ExportPlan plan;
  private final List<InvalidRecord> listed = new ArrayList<>();
  private long checked;
  private long invalid;

  InvalidRecordPolicy(ExportPlan plan) {
    this.plan = plan;
  }

  /** Counts a record; whether its line is to be published. */
  boolean publishes(RecordPipeline.Checked record) {
    checked++;
    if (!record.valid()) {
      invalid++;
      if (listed.size() < ValidationReport.MAX_LISTED) {
        listed.add(new InvalidRecord(checked, record.documentId(), record.violations()));
      }
      return false;
    }
    return !plan.failOnInvalid() || invalid == 0;
  }

  ValidationReport report() {
    return new ValidationReport(
        RecordSchema.VERSION, checked, invalid, List.copyOf(listed), invalid > listed.size());
  }

  /**
   * Refuses to publish when no document matched, when the {@code fail} policy met an invalid
   * record, or when every record is invalid: an empty dataset is never published.
   *
   * @throws ExportFailedException naming the rule, with the report when records were checked
   */
  void requirePublishable() {
    if (checked == 0) {
      throw new ExportFailedException(
          "no-matching-documents",
          "No "
              + plan.source().collection()
              + " match: language "
              + plan.language()
              + ", created in the last "
              + plan.windowHours()
              + " h"
              + (plan.channel() == null ? "" : ", channel " + plan.channel())
              + ". Seed or widen window_hours; an empty dataset is never published.",
          null);
    }
    if (invalid > 0 && plan.failOnInvalid()) {
      throw new ExportFailedException(
          "invalid-records",
          invalid + " of " + checked + " records break the schema; nothing was published",
          report());
    }
    if (invalid == checked) {
      throw new ExportFailedException(
          "all-records-invalid",
          "All " + checked + " matching records break the schema; nothing was published",
          report());
    }
  }
}
