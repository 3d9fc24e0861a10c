package io.butlerbench.exporter.export;

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
    List<?> posts = digest.get("posts") instanceof List<?> list ? list : List.of();
    List<String> blocks = new ArrayList<>(posts.size());
    for (Object post : posts) {
      if (post instanceof Document p) {
        blocks.add(text(p.get("title")) + "\n" + text(p.get("text")));
      }
    }
    JsonObject metadata =
        new JsonObject()
            .put("posts_count", posts.size())
            .put("time_range_hours", json(digest.get("time_range_hours")))
            .put("llm_model", json(digest.get("llm_model")))
            .put("feature_flags", json(digest.get("feature_flags")));
    putDefects(metadata, digest);
    JsonObject record =
        new JsonObject()
            .put("sample_id", json(digest.get("digest_id")))
            .put("channel", json(digest.get("channel")))
            .put("language", json(digest.get("language")))
            .put("timestamp", json(digest.get("created_at")))
            .put("source_text", String.join("\n\n", blocks))
            .put("summary_markdown", json(digest.get("summary_markdown")))
            .put("metadata", metadata);
    Object judge = path(digest, "quality", "llm_judge");
    if (judge != null) {
      record.put("ground_truth", new JsonObject().put("llm_judge", json(judge)));
    }
    return withoutNulls(record.put("latency_seconds", json(digest.get("latency_seconds"))));
  }

  /**
   * Review report: each pass as {@code [pass_name] summary}, then its recommendations and findings,
   * in; the synthesis out. A review covers no time window of its own, so {@code time_range_hours}
   * is the export's window.
   */
  public static JsonObject review(Document report, int windowHours) {
    Object body = report.get("report");
    Document reportBody = body instanceof Document d ? d : new Document();
    List<?> passes = reportBody.get("passes") instanceof List<?> list ? list : List.of();
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
          .append(text(pass.get("pass_name")))
          .append("] ")
          .append(text(pass.get("summary")));
      for (Object recommendation : listOf(pass.get("recommendations"))) {
        source.append("\nРекомендация: ").append(text(recommendation));
      }
      for (Object entry : listOf(pass.get("findings"))) {
        if (entry instanceof Document finding) {
          source
              .append("\nЗамечание [")
              .append(text(finding.get("severity")))
              .append("] ")
              .append(text(finding.get("title")))
              .append(": ")
              .append(text(finding.get("description")))
              .append(" (")
              .append(text(finding.get("file")))
              .append(':')
              .append(text(finding.get("line")))
              .append(')');
        }
      }
    }
    Object metadataValue = reportBody.get("metadata");
    Document stored = metadataValue instanceof Document d ? d : new Document();
    JsonObject metadata =
        new JsonObject()
            .put("passes_count", passes.size())
            .put("time_range_hours", windowHours)
            .put("llm_model", json(stored.get("llm_model")))
            .put("feature_flags", json(stored.get("feature_flags")))
            .put("student_id", json(report.get("student_id")))
            .put("assignment_id", json(report.get("assignment_id")));
    putDefects(metadata, report);
    JsonObject record =
        new JsonObject()
            .put("sample_id", json(report.get("report_id")))
            .put("channel", json(report.get("assignment_id")))
            .put("language", json(report.get("language")))
            .put("timestamp", json(report.get("created_at")))
            .put("source_text", source.toString())
            .put("summary_markdown", json(reportBody.get("synthesis")))
            .put("metadata", metadata);
    if (stored.get("llm_judge") != null) {
      record.put("ground_truth", new JsonObject().put("llm_judge", json(stored.get("llm_judge"))));
    }
    return withoutNulls(record.put("latency_seconds", json(stored.get("latency_seconds"))));
  }

  /** A missing source field is left out, so the schema reports it as missing ("required"). */
  private static JsonObject withoutNulls(JsonObject record) {
    record.getMap().values().removeIf(Objects::isNull);
    record.getJsonObject("metadata").getMap().values().removeIf(Objects::isNull);
    return record;
  }

  /** Seeded defect labels travel with the record, so judges can be checked against them. */
  private static void putDefects(JsonObject metadata, Document document) {
    Object defects = path(document, "synthetic", "injected_defects");
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
