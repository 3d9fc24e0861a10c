package io.butlerbench.seeder.content;

import static io.butlerbench.seeder.corpus.AsStored.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ReviewReportGeneratorTest {
  private final ReviewReportGenerator generator =
      new ReviewReportGenerator(DigestGeneratorTest.SETTINGS);
  private static final Instant NOW = DigestGeneratorTest.NOW;
  private static final LocalDate DAY = DigestGeneratorTest.DAY;

  @Test
  void reportHasPassesFindingsAndASynthesisInRussian() {
    Document report = document(generator.generate("hw02_rest_api", DAY, 0, NOW, 42));
    assertEquals("hw02_rest_api-20261120-0", report.getString("report_id"));
    assertEquals("ru", report.getString("language"));
    Document body = report.get("report", Document.class);
    List<Document> passes = body.getList("passes", Document.class);
    assertEquals(
        List.of("architecture", "component", "synthesis"),
        passes.stream().map(p -> p.getString("pass_name")).toList());
    for (Document pass : passes.subList(0, 2)) {
      List<Document> findings = pass.getList("findings", Document.class);
      assertFalse(findings.isEmpty());
      for (Document finding : findings) {
        assertTrue(ReviewCorpus.SEVERITY_ORDER.contains(finding.getString("severity")));
        assertTrue(
            finding.getString("file").contains("/") || finding.getString("file").contains("."));
        assertTrue(finding.getInteger("line") > 0);
        assertTrue(finding.getString("description").matches(".*[а-яА-Я]{4,}.*"));
      }
      assertFalse(pass.getList("recommendations", String.class).isEmpty());
    }
    assertTrue(body.getString("synthesis").contains("Итоговое ревью"));
    Document metadata = body.get("metadata", Document.class);
    assertEquals("qwen-7b", metadata.getString("llm_model"));
    assertTrue(metadata.getDouble("latency_seconds") > 0);
    assertTrue(metadata.get("llm_judge", Document.class).containsKey("scores"));
  }

  @Test
  void reportDefectsAreLabelledAndScoredConsistently() {
    Set<Defect> seen = EnumSet.noneOf(Defect.class);
    for (int slot = 0; slot < 300; slot++) {
      Document report = document(generator.generate("hw03_async_crawler", DAY, slot, NOW, 5));
      List<String> labels = DigestGeneratorTest.defects(report);
      if (labels.isEmpty()) {
        continue;
      }
      Defect defect = Defect.valueOf(labels.get(0).toUpperCase(Locale.ROOT));
      seen.add(defect);
      Document scores =
          report
              .get("report", Document.class)
              .get("metadata", Document.class)
              .get("llm_judge", Document.class)
              .get("scores", Document.class);
      assertTrue(scores.getDouble(defect.targetMetric()) < 0.75);
    }
    assertEquals(EnumSet.allOf(Defect.class), seen);
  }

  @Test
  void sameSeedSameReport() {
    assertEquals(
        document(generator.generate("hw01_linked_list", DAY, 3, NOW, 9)).toJson(),
        document(generator.generate("hw01_linked_list", DAY, 3, NOW, 9)).toJson());
  }
}
