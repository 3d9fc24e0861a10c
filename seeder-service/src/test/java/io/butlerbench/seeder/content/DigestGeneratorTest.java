package io.butlerbench.seeder.content;

import static io.butlerbench.seeder.corpus.AsStored.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DigestGeneratorTest {
  static final GeneratorSettings SETTINGS =
      new GeneratorSettings(0.5, "qwen-7b", "gpt-4o", "benchmark-2025-11-v1");
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final Pattern CYRILLIC = Pattern.compile("[А-Яа-яЁё]{3,}");

  private final DigestGenerator generator = new DigestGenerator(SETTINGS);

  @Test
  void sameSeedAndClockGiveTheSameDocumentAndAnotherSeedDoesNot() {
    Document first = document(generator.generate("@tech_ru", DAY, 24, 0, NOW, 42));
    Document again = document(generator.generate("@tech_ru", DAY, 24, 0, NOW, 42));
    Document otherSeed = document(generator.generate("@tech_ru", DAY, 24, 0, NOW, 43));
    assertEquals(first.toJson(), again.toJson());
    assertNotEquals(first.toJson(), otherSeed.toJson());
  }

  @Test
  void digestHasTheDomainFieldsAndRussianContent() {
    Document digest = document(generator.generate("@ml_digest_ru", DAY, 24, 1, NOW, 42));
    assertEquals("@ml_digest_ru-20261120-24h-1", digest.getString("digest_id"));
    assertEquals("ru", digest.getString("language"));
    assertEquals(24, digest.getInteger("time_range_hours"));
    List<Document> posts = digest.getList("posts", Document.class);
    assertTrue(posts.size() >= 3, "at least three posts");
    for (Document post : posts) {
      assertTrue(CYRILLIC.matcher(post.getString("title")).find(), post.getString("title"));
      assertTrue(CYRILLIC.matcher(post.getString("text")).find(), post.getString("text"));
      assertTrue(post.getInteger("views") > 0);
      assertTrue(
          post.getDate("posted_at").toInstant().isBefore(digest.getDate("created_at").toInstant()));
    }
    assertTrue(CYRILLIC.matcher(digest.getString("summary_markdown")).find());
    assertTrue(digest.getDouble("latency_seconds") > 0);
    Document judge = digest.get("quality", Document.class).get("llm_judge", Document.class);
    assertEquals("gpt-4o", judge.getString("judge_model"));
    assertEquals("benchmark-2025-11-v1", judge.getString("prompt_version"));
    assertEquals(
        List.of("coverage", "accuracy", "coherence", "informativeness"),
        new ArrayList<>(judge.get("scores", Document.class).keySet()));
    Document flags = digest.get("feature_flags", Document.class);
    assertEquals(
        List.of(
            "use_new_summarization",
            "enable_quality_evaluation",
            "enable_async_long_summarization"),
        new ArrayList<>(flags.keySet()));
  }

  @Test
  void summaryIsWrittenFromItsOwnPostsWhenClean() {
    int clean = 0;
    for (int slot = 0; slot < 40; slot++) {
      Document digest = document(generator.generate("@tech_ru", DAY, 24, slot, NOW, 7));
      if (!defects(digest).isEmpty()) {
        continue;
      }
      clean++;
      String summary = digest.getString("summary_markdown");
      for (Document post : digest.getList("posts", Document.class)) {
        assertTrue(
            summary.contains(post.getString("title")), "summary covers " + post.getString("title"));
      }
    }
    assertTrue(clean > 5, "enough clean digests to check: " + clean);
  }

  @Test
  void everyDefectIsLabelledAndLowersTheMetricItTargets() {
    Map<Defect, Integer> seen = new EnumMap<>(Defect.class);
    for (int slot = 0; slot < 400; slot++) {
      Document digest =
          document(generator.generate("@startups_ru", DAY.minusDays(slot % 30), 24, slot, NOW, 11));
      List<String> labels = defects(digest);
      Document scores =
          digest
              .get("quality", Document.class)
              .get("llm_judge", Document.class)
              .get("scores", Document.class);
      if (labels.isEmpty()) {
        for (String metric : scores.keySet()) {
          assertTrue(scores.getDouble(metric) >= 0.88, "clean digest scores high on " + metric);
        }
        continue;
      }
      assertEquals(1, labels.size());
      Defect defect = Defect.valueOf(labels.get(0).toUpperCase(java.util.Locale.ROOT));
      seen.merge(defect, 1, Integer::sum);
      assertTrue(
          scores.getDouble(defect.targetMetric()) < 0.75,
          defect + " lowers " + defect.targetMetric());
      String summary = digest.getString("summary_markdown");
      List<Document> posts = digest.getList("posts", Document.class);
      if (defect == Defect.KEY_POST_OMITTED) {
        Document key =
            posts.stream()
                .max((a, b) -> a.getInteger("views") - b.getInteger("views"))
                .orElseThrow();
        assertFalse(summary.contains(key.getString("title")), "the most viewed post is left out");
      }
      if (defect == Defect.FILLER) {
        assertTrue(RussianCorpus.FILLER.stream().anyMatch(summary::contains));
      }
    }
    assertEquals(Defect.values().length, seen.size(), "every defect kind occurs: " + seen);
  }

  @Test
  void defectShareOfZeroGivesCleanDocuments() {
    DigestGenerator clean = new DigestGenerator(new GeneratorSettings(0, "qwen-7b", "gpt-4o", "v"));
    for (int slot = 0; slot < 50; slot++) {
      assertTrue(defects(document(clean.generate("@tech_ru", DAY, 24, slot, NOW, 1))).isEmpty());
    }
  }

  @Test
  void todaysDigestIsNeverDatedInTheFuture() {
    Instant morning = Instant.parse("2026-11-28T06:00:00Z");
    Document digest =
        document(generator.generate("@tech_ru", LocalDate.parse("2026-11-28"), 24, 2, morning, 1));
    assertFalse(digest.getDate("created_at").toInstant().isAfter(morning));
  }

  static List<String> defects(Document document) {
    return document.get("synthetic", Document.class).getList("injected_defects", String.class);
  }
}
