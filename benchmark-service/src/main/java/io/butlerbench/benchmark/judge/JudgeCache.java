package io.butlerbench.benchmark.judge;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Judge answers in MongoDB ({@code judge_cache}), keyed by the SHA-256 of everything that decides
 * the answer: judge model, prompt version and the template's own hash (the rubric), the source and
 * the summary judged, temperature and seed. Only scores are cached, never errors, so an unchanged
 * rerun makes no call and a failed call is tried again next time.
 */
public class JudgeCache {
  private final MongoCollection<Document> entries;

  public JudgeCache(MongoDatabase database) {
    this.entries = database.getCollection("judge_cache");
  }

  public static String key(
      String judgeModel,
      PromptTemplate prompt,
      String sourceText,
      String summary,
      double temperature,
      long seed) {
    return PromptTemplate.sha256(
        String.join(
            "\u0000",
            judgeModel,
            prompt.version(),
            prompt.sha256(),
            sourceText,
            summary,
            Double.toString(temperature),
            Long.toString(seed)));
  }

  public Optional<Map<String, Double>> get(String key) {
    Document entry = entries.find(Filters.eq("_id", key)).first();
    if (entry == null) {
      return Optional.empty();
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    entry
        .get("scores", Document.class)
        .forEach((metric, value) -> scores.put(metric, ((Number) value).doubleValue()));
    return Optional.of(scores);
  }

  public void put(String key, String judgeModel, String promptVersion, Map<String, Double> scores) {
    entries.replaceOne(
        Filters.eq("_id", key),
        new Document("_id", key)
            .append("judge_model", judgeModel)
            .append("prompt_version", promptVersion)
            .append("scores", new Document(new LinkedHashMap<>(scores)))
            .append("cached_at", new Date()),
        new ReplaceOptions().upsert(true));
  }
}
