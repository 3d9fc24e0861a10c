package io.butlerbench.exporter.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.exporter.Fixtures;
import io.butlerbench.exporter.schema.RecordSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class RecordMapperTest {
  static final Instant CREATED = Instant.parse("2026-11-20T21:00:00Z");
  final RecordSchema schema = RecordSchema.load();

  @Test
  void digestMapsToTheStage05Record() {
    JsonObject record =
        RecordMapper.digest(Fixtures.digest("@tech_ru-20261120-24h-0", "@tech_ru", CREATED, 3, 0));
    assertEquals("@tech_ru-20261120-24h-0", record.getString("sample_id"));
    assertEquals("@tech_ru", record.getString("channel"));
    assertEquals("ru", record.getString("language"));
    assertEquals("2026-11-20T21:00:00Z", record.getString("timestamp"));
    assertEquals(
        "Новость номер 1 канала @tech_ru\nПодробности события 1. \n\n"
            + "Новость номер 2 канала @tech_ru\nПодробности события 2. \n\n"
            + "Новость номер 3 канала @tech_ru\nПодробности события 3. ",
        record.getString("source_text"));
    assertTrue(record.getString("summary_markdown").startsWith("**Дайджест @tech_ru**"));
    JsonObject metadata = record.getJsonObject("metadata");
    assertEquals(3, metadata.getInteger("posts_count"));
    assertEquals(24, metadata.getInteger("time_range_hours"));
    assertEquals("qwen-7b", metadata.getString("llm_model"));
    assertEquals(true, metadata.getJsonObject("feature_flags").getBoolean("use_new_summarization"));
    assertEquals(new JsonArray().add("filler"), metadata.getJsonArray("injected_defects"));
    JsonObject judge = record.getJsonObject("ground_truth").getJsonObject("llm_judge");
    assertEquals(0.92, judge.getJsonObject("scores").getDouble("coverage"));
    assertEquals("benchmark-2025-11-v1", judge.getString("prompt_version"));
    assertEquals(95.5, record.getDouble("latency_seconds"));
    assertEquals(List.of(), schema.validate(record.encode()));
  }

  @Test
  void reviewMapsPassesFindingsAndRecommendationsIntoTheSource() {
    JsonObject record =
        RecordMapper.review(Fixtures.review("hw02-20261120-0", "hw02_rest_api", CREATED), 168);
    assertEquals("hw02-20261120-0", record.getString("sample_id"));
    assertEquals("hw02_rest_api", record.getString("channel"));
    assertEquals(
        "[architecture] Архитектура: замечаний — 0.\nРекомендация: Выделить слой доступа к данным.\n\n"
            + "[component] Компоненты: замечаний — 1.\nРекомендация: Использовать параметризованные запросы.\n"
            + "Замечание [critical] SQL-запрос собирается конкатенацией строк: Пользовательский ввод"
            + " подставляется без параметров. (app/db.py:42)\n\n"
            + "[synthesis] Работа требует доработки.",
        record.getString("source_text"));
    assertTrue(record.getString("summary_markdown").startsWith("**Итоговое ревью**"));
    JsonObject metadata = record.getJsonObject("metadata");
    assertEquals(3, metadata.getInteger("passes_count"));
    assertEquals(168, metadata.getInteger("time_range_hours"));
    assertEquals("student-0042", metadata.getString("student_id"));
    assertEquals("hw02_rest_api", metadata.getString("assignment_id"));
    assertEquals(130.25, record.getDouble("latency_seconds"));
    assertEquals(
        0.88,
        record
            .getJsonObject("ground_truth")
            .getJsonObject("llm_judge")
            .getJsonObject("scores")
            .getDouble("coverage"));
    assertEquals(List.of(), schema.validate(record.encode()));
  }

  /**
   * Consumers read records as {@link DatasetRecord} (snake_case, unknown fields refused): a valid
   * record reads into it and writes back, nulls left out, to the very same JSON.
   */
  @Test
  void aValidRecordIsExactlyADatasetRecordOnTheWire() throws Exception {
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    Document withoutJudgement =
        Fixtures.digest("@tech_ru-20261120-24h-1", "@tech_ru", CREATED, 3, 0);
    withoutJudgement.remove("quality");
    withoutJudgement.remove("synthetic");
    for (JsonObject record :
        List.of(
            RecordMapper.digest(
                Fixtures.digest("@tech_ru-20261120-24h-0", "@tech_ru", CREATED, 3, 0)),
            RecordMapper.digest(withoutJudgement),
            RecordMapper.review(
                Fixtures.review("hw02-20261120-0", "hw02_rest_api", CREATED), 168))) {
      assertEquals(List.of(), schema.validate(record.encode()));
      DatasetRecord typed = json.readValue(record.encode(), DatasetRecord.class);
      assertEquals(json.readTree(record.encode()), json.valueToTree(typed));
    }
  }

  @Test
  void aBrokenDocumentMapsWithoutThrowingAndTheSchemaNamesWhatIsWrong() {
    Document broken = Fixtures.digest("bad-1", "@tech_ru", CREATED, 2, 0);
    broken.remove("summary_markdown");
    broken.put("language", "en");
    JsonObject record = RecordMapper.digest(broken);
    var rules =
        schema.validate(record.encode()).stream().map(v -> v.rule() + " " + v.location()).toList();
    assertTrue(rules.contains("required /summary_markdown"), rules.toString());
    assertTrue(rules.contains("enum /language"), rules.toString());
    assertTrue(
        rules.stream()
            .anyMatch(
                r -> r.startsWith("minimum /metadata/posts_count") || r.contains("posts_count")),
        rules.toString());
  }
}
