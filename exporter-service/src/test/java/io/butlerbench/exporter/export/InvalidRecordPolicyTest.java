package io.butlerbench.exporter.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.butlerbench.exporter.dataset.ValidationReport;
import io.butlerbench.exporter.schema.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which records an export publishes, and when it publishes nothing (422), without MongoDB. */
class InvalidRecordPolicyTest {
  static final Violation REQUIRED = new Violation("required", "/summary_markdown", "missing");

  static ExportPlan plan(String channel, String policy) {
    return ExportPlan.from(new ExportRequest("digests", 24, channel, null, null, policy));
  }

  static RecordPipeline.Checked valid(String id) {
    return new RecordPipeline.Checked(
        id, ("{\"sample_id\":\"" + id + "\"}\n").getBytes(StandardCharsets.UTF_8), List.of());
  }

  static RecordPipeline.Checked invalid(String id) {
    return new RecordPipeline.Checked(id, null, List.of(REQUIRED));
  }

  @Test
  void skipPublishesTheValidRecordsAndReportsTheOthersWithTheirPositionAndId() {
    InvalidRecordPolicy policy = new InvalidRecordPolicy(plan(null, "skip"));
    assertTrue(policy.publishes(valid("a")));
    assertFalse(policy.publishes(invalid("b")));
    assertTrue(policy.publishes(valid("c")));
    policy.requirePublishable();
    ValidationReport report = policy.report();
    assertEquals(3, report.recordsChecked());
    assertEquals(1, report.invalid());
    assertEquals(2, report.invalidRecords().get(0).line());
    assertEquals("b", report.invalidRecords().get(0).sampleId());
    assertEquals(List.of(REQUIRED), report.invalidRecords().get(0).violations());
    assertFalse(report.truncated());
  }

  @Test
  void failPublishesNothingAfterAnInvalidRecordButStillChecksEveryRecord() {
    InvalidRecordPolicy policy = new InvalidRecordPolicy(plan(null, "fail"));
    assertTrue(policy.publishes(valid("a")));
    assertFalse(policy.publishes(invalid("b")));
    assertFalse(policy.publishes(valid("c")));
    assertFalse(policy.publishes(invalid("d")));
    ExportFailedException failure =
        assertThrows(ExportFailedException.class, policy::requirePublishable);
    assertEquals("invalid-records", failure.rule());
    assertEquals("2 of 4 records break the schema; nothing was published", failure.getMessage());
    assertEquals(4, failure.report().recordsChecked());
    assertEquals(List.of("b", "d"), sampleIds(failure.report()));
  }

  @Test
  void noMatchingDocumentIsRefusedWithoutAReportNamingTheSelection() {
    InvalidRecordPolicy policy = new InvalidRecordPolicy(plan("@nobody_here", null));
    ExportFailedException failure =
        assertThrows(ExportFailedException.class, policy::requirePublishable);
    assertEquals("no-matching-documents", failure.rule());
    assertTrue(failure.getMessage().contains("channel @nobody_here"), failure.getMessage());
    assertTrue(failure.getMessage().contains("last 24 h"), failure.getMessage());
    assertNull(failure.report());
  }

  @Test
  void recordsThatAreAllInvalidAreRefusedEvenWhenSkipped() {
    InvalidRecordPolicy policy = new InvalidRecordPolicy(plan(null, "skip"));
    policy.publishes(invalid("a"));
    policy.publishes(invalid("b"));
    ExportFailedException failure =
        assertThrows(ExportFailedException.class, policy::requirePublishable);
    assertEquals("all-records-invalid", failure.rule());
    assertEquals(2, failure.report().invalid());
  }

  @Test
  void theReportListsAtMostMaxListedRecordsAndSaysItIsTruncated() {
    InvalidRecordPolicy policy = new InvalidRecordPolicy(plan(null, "skip"));
    policy.publishes(valid("first"));
    for (int i = 0; i <= ValidationReport.MAX_LISTED; i++) {
      policy.publishes(invalid("bad-" + i));
    }
    ValidationReport report = policy.report();
    assertEquals(ValidationReport.MAX_LISTED + 1, report.invalid());
    assertEquals(ValidationReport.MAX_LISTED, report.invalidRecords().size());
    assertTrue(report.truncated());
  }

  private static List<String> sampleIds(ValidationReport report) {
    return report.invalidRecords().stream().map(ValidationReport.InvalidRecord::sampleId).toList();
  }
}
