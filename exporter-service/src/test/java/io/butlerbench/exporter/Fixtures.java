package io.butlerbench.exporter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Stored documents shaped as {@code domain.md} describes them (and as the seeder writes them). */
public final class Fixtures {
  private Fixtures() {}

  public static Document judge(double coverage) {
    return new Document("judge_model", "gpt-4o")
        .append("prompt_version", "benchmark-2025-11-v1")
        .append(
            "scores",
            new Document("coverage", coverage)
                .append("accuracy", 0.93)
                .append("coherence", 0.91)
                .append("informativeness", 0.9))
        .append("verdict", "MEETS_EXPECTATIONS")
        .append("notes", "Резюме точно передаёт ключевые темы.");
  }

  /** Words that do not compress away, so tests can fill gzip parts. */
  static String noise(String seed, int words) {
    java.util.Random random = new java.util.Random(seed.hashCode());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)).append(' ');
    }
    return text.toString();
  }

  /**
   * A daily digest with {@code posts} posts; padding adds that many incompressible words per post.
   */
  public static Document digest(
      String id, String channel, Instant createdAt, int posts, int padding) {
    List<Document> postDocuments = new ArrayList<>();
    StringBuilder summary = new StringBuilder("**Дайджест " + channel + "**\n");
    for (int i = 0; i < posts; i++) {
      String title = "Новость номер " + (i + 1) + " канала " + channel;
      postDocuments.add(
          new Document("message_id", 1000L + i)
              .append("posted_at", Date.from(createdAt.minusSeconds(3600L * (i + 1))))
              .append("title", title)
              .append("text", "Подробности события " + (i + 1) + ". " + noise(id + i, padding))
              .append("views", 100 + i));
      summary.append("\n- **").append(title).append("**: коротко о главном.");
    }
    return new Document("_id", id)
        .append("digest_id", id)
        .append("channel", channel)
        .append("language", "ru")
        .append("created_at", Date.from(createdAt))
        .append("time_range_hours", 24)
        .append("posts", postDocuments)
        .append("summary_markdown", summary.toString())
        .append(
            "feature_flags",
            new Document("use_new_summarization", true)
                .append("enable_quality_evaluation", true)
                .append("enable_async_long_summarization", false))
        .append("latency_seconds", 95.5)
        .append("llm_model", "qwen-7b")
        .append("quality", new Document("llm_judge", judge(0.92)))
        .append(
            "synthetic",
            new Document("generator", "test")
                .append("seed", 1)
                .append("injected_defects", List.of("filler")));
  }

  public static Document review(String id, String assignment, Instant createdAt) {
    Document finding =
        new Document("severity", "critical")
            .append("title", "SQL-запрос собирается конкатенацией строк")
            .append("description", "Пользовательский ввод подставляется без параметров.")
            .append("file", "app/db.py")
            .append("line", 42);
    List<Document> passes =
        List.of(
            new Document("pass_name", "architecture")
                .append("summary", "Архитектура: замечаний — 0.")
                .append("findings", List.of())
                .append("recommendations", List.of("Выделить слой доступа к данным.")),
            new Document("pass_name", "component")
                .append("summary", "Компоненты: замечаний — 1.")
                .append("findings", List.of(finding))
                .append("recommendations", List.of("Использовать параметризованные запросы.")),
            new Document("pass_name", "synthesis")
                .append("summary", "Работа требует доработки.")
                .append("findings", List.of())
                .append("recommendations", List.of()));
    return new Document("_id", id)
        .append("report_id", id)
        .append("assignment_id", assignment)
        .append("student_id", "student-0042")
        .append("language", "ru")
        .append("created_at", Date.from(createdAt))
        .append(
            "report",
            new Document("passes", passes)
                .append(
                    "synthesis", "**Итоговое ревью**\n\n- [critical] SQL-инъекция (`app/db.py:42`)")
                .append(
                    "metadata",
                    new Document("llm_model", "qwen-7b")
                        .append(
                            "feature_flags",
                            new Document("use_modular_reviewer", true)
                                .append("enable_log_analysis", false)
                                .append("enable_quality_evaluation", true))
                        .append("latency_seconds", 130.25)
                        .append("llm_judge", judge(0.88))));
  }
}
