package io.butlerbench.exporter.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.exporter.dataset.ValidationReport;
import io.butlerbench.exporter.dataset.ValidationReport.InvalidRecord;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.exporter.schema.Violation;
import java.util.ArrayList;
import java.util.List;

/** Validates JSONL line by line against the record schema and keeps the report. */
public final class RecordValidator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordSchema schema;
  private final List<InvalidRecord> listed = new ArrayList<>();
  private long checked;
  private long invalid;

  public RecordValidator(RecordSchema schema) {
    this.schema = schema;
  }

  /** Checks one line; blank lines are skipped but still counted in line numbers. */
  public void accept(long lineNumber, String line) {
    if (line.isBlank()) {
      return;
    }
    checked++;
    List<Violation> violations;
    String sampleId = null;
    try {
      JsonNode record = JSON.readTree(line);
      if (record.isObject()) {
        sampleId = record.path("sample_id").textValue();
        violations = schema.validate(record);
      } else {
        violations = List.of(new Violation("json", "/", "line is not a JSON object"));
      }
    } catch (JsonProcessingException e) {
      violations =
          List.of(new Violation("json", "/", "line is not JSON: " + e.getOriginalMessage()));
    }
    if (!violations.isEmpty()) {
      invalid++;
      if (listed.size() < ValidationReport.MAX_LISTED) {
        listed.add(new InvalidRecord(lineNumber, sampleId, violations));
      }
    }
  }

  public ValidationReport report() {
    return new ValidationReport(
        RecordSchema.VERSION, checked, invalid, List.copyOf(listed), invalid > listed.size());
  }
}
