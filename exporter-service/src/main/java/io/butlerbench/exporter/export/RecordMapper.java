package io.butlerbench.exporter.export;

import io.butlerbench.contracts.corpus.CorpusFields.Digest;
import io.butlerbench.contracts.corpus.CorpusFields.Finding;
import io.butlerbench.contracts.corpus.CorpusFields.Pass;
import io.butlerbench.contracts.corpus.CorpusFields.Post;
import io.butlerbench.contracts.corpus.CorpusFields.Quality;
import io.butlerbench.contracts.corpus.CorpusFields.Report;
import io.butlerbench.contracts.corpus.CorpusFields.ReportMetadata;
import io.butlerbench.contracts.corpus.CorpusFields.ReviewReport;
import io.butlerbench.contracts.corpus.CorpusFields.Synthetic;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Turns a stored document into a Stage 05 record (field mapping of {@code domain.md}). It never
 * throws on a malformed document: missing or mistyped fields come out missing or mistyped, and the
 * schema reports them with the record's id.
 */
public final class RecordMapper {
  private RecordMapper() {}

  /** Digest: posts (title, text) joined by newlines in, the digest summary out. */
  public static JsonObject digest(Document digest) {
    List<?> posts = digest.get(Digest.POSTS) instanceof List<?> list ? list : List.of();
    List<String> blocks = new ArrayList<>(posts.size());
    for (Object post : posts) {
      if (post instanceof Document p) {
        blocks.add(text(p.get(Post.TITLE)) + "\n" + text(p.get(Post.TEXT)));
      }
    }
    JsonObject metadata =
        metadata(
            "posts_count",
            posts.size(),
            digest.get(Digest.TIME_RANGE_HOURS),
            digest.get(Digest.LLM_MODEL),
            digest.get(Digest.FEATURE_FLAGS));
    putDefects(metadata, path(digest, Digest.SYNTHETIC, Synthetic.INJECTED_DEFECTS));
    return record(
        digest.get(Digest.DIGEST_ID),
        digest.get(Digest.CHANNEL),
        digest.get(Digest.LANGUAGE),
        digest.get(Digest.CREATED_AT),
        String.join("\n\n", blocks),
        digest.get(Digest.SUMMARY_MARKDOWN),
        metadata,
        path(digest, Digest.QUALITY, Quality.LLM_JUDGE),
        digest.get(Digest.LATENCY_SECONDS));
  }

  /**
   * Review report: each pass as {@code [pass_name] summary}, then its recommendations and findings,
   * in; the synthesis out. A review covers no time window of its own, so {@code time_range_hours}
   * is the export's window.
   */
  public static JsonObject review(Document report, int windowHours) {
    Object body = report.get(ReviewReport.REPORT);
    Document reportBody = body instanceof Document d ? d : new Document();
    List<?> passes = reportBody.get(Report.PASSES) instanceof List<?> list ? list : List.of();
    StringBuilder source = new StringBuilder();
    for (Object item : passes) {
      if (!(item instanceof Document pass)) {
        continue;
      }
      if (source.length() > 0) {
        source.append("\n\n");
      }
      source
          .append('[')
          .append(text(pass.get(Pass.PASS_NAME)))
          .append("] ")
          .append(text(pass.get(Pass.SUMMARY)));
      for (Object recommendation : listOf(pass.get(Pass.RECOMMENDATIONS))) {
        source.append("\nРекомендация: ").append(text(recommendation));
      }
      for (Object entry : listOf(pass.get(Pass.FINDINGS))) {
        if (entry instanceof Document finding) {
          source
              .append("\nЗамечание [")
              .append(text(finding.get(Finding.SEVERITY)))
              .append("] ")
              .append(text(finding.get(Finding.TITLE)))
              .append(": ")
              .append(text(finding.get(Finding.DESCRIPTION)))
              .append(" (")
              .append(text(finding.get(Finding.FILE)))
              .append(':')
              .append(text(finding.get(Finding.LINE)))
              .append(')');
        }
      }
    }
    Object metadataValue = reportBody.get(Report.METADATA);
    Document stored = metadataValue instanceof Document d ? d : new Document();
    JsonObject metadata =
        metadata(
                "passes_count",
                passes.size(),
                windowHours,
                stored.get(ReportMetadata.LLM_MODEL),
                stored.get(ReportMetadata.FEATURE_FLAGS))
            .put("student_id", json(report.get(ReviewReport.STUDENT_ID)))
            .put("assignment_id", json(report.get(ReviewReport.ASSIGNMENT_ID)));
    putDefects(metadata, path(report, ReviewReport.SYNTHETIC, Synthetic.INJECTED_DEFECTS));
    return record(
        report.get(ReviewReport.REPORT_ID),
        report.get(ReviewReport.ASSIGNMENT_ID),
        report.get(ReviewReport.LANGUAGE),
        report.get(ReviewReport.CREATED_AT),
        source.toString(),
        reportBody.get(Report.SYNTHESIS),
        metadata,
        stored.get(ReportMetadata.LLM_JUDGE),
        stored.get(ReportMetadata.LATENCY_SECONDS));
  }

  /** The metadata both kinds share; the count is of posts (digest) or passes (review). */
  private static JsonObject metadata(
      String countField, int count, Object timeRangeHours, Object llmModel, Object featureFlags) {
    return new JsonObject()
        .put(countField, count)
        .put("time_range_hours", json(timeRangeHours))
        .put("llm_model", json(llmModel))
        .put("feature_flags", json(featureFlags));
  }

  /**
   * The record in its published order (its bytes name the version). A missing source field is left
   * out, so the schema reports it as missing ("required"); a judgement is there only when stored.
   */
  private static JsonObject record(
      Object sampleId,
      Object channel,
      Object language,
      Object createdAt,
      String sourceText,
      Object summaryMarkdown,
      JsonObject metadata,
      Object judge,
      Object latencySeconds) {
    JsonObject record =
        new JsonObject()
            .put("sample_id", json(sampleId))
            .put("channel", json(channel))
            .put("language", json(language))
            .put("timestamp", json(createdAt))
            .put("source_text", sourceText)
            .put("summary_markdown", json(summaryMarkdown))
            .put("metadata", metadata);
    if (judge != null) {
      record.put("ground_truth", new JsonObject().put("llm_judge", json(judge)));
    }
    record.put("latency_seconds", json(latencySeconds));
    record.getMap().values().removeIf(Objects::isNull);
    metadata.getMap().values().removeIf(Objects::isNull);
    return record;
  }

  /** Seeded defect labels travel with the record, so judges can be checked against them. */
  private static void putDefects(JsonObject metadata, Object defects) {
    if (defects != null) {
      metadata.put("injected_defects", json(defects));
    }
  }

  private static Object path(Document document, String first, String second) {
    return document.get(first) instanceof Document inner ? inner.get(second) : null;
  }

  private static List<?> listOf(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  /** BSON values as JSON values: dates as ISO-8601 UTC, ids as hex, nested values recursively. */
  static Object json(Object value) {
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof ObjectId id) {
      return id.toHexString();
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((key, inner) -> object.put(String.valueOf(key), json(inner)));
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(inner -> array.add(json(inner)));
      return array;
    }
    return value;
  }
}
