package io.butlerbench.benchmark.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** A stored result as the API answers it. */
final class SampleResults {
  private SampleResults() {}

  static SampleResult of(Document result) {
    Document stored = result.get("scores", Document.class);
    Map<String, Double> scores = null;
    if (stored != null) {
      scores = new LinkedHashMap<>();
      for (Map.Entry<String, Object> score : stored.entrySet()) {
        if (score.getValue() instanceof Number number) {
          scores.put(score.getKey(), number.doubleValue());
        }
      }
    }
    return new SampleResult(
        result.getString("run_id"),
        result.getString("sample_id"),
        result.get("repeat") instanceof Number n ? n.intValue() : null,
        result.containsKey("injected_defects")
            ? result.getList("injected_defects", String.class)
            : null,
        result.getString("status"),
        scores,
        result.getString("error"),
        result.getString("candidate_summary"),
        result.get("latency_seconds") instanceof Number n ? n.doubleValue() : null,
        result.get("judge_calls") instanceof Number n ? n.longValue() : null,
        result.getBoolean("cached"),
        result.get("prompt_tokens") instanceof Number n ? n.longValue() : null,
        result.get("completion_tokens") instanceof Number n ? n.longValue() : null);
  }
}
