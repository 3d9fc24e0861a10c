package io.butlerbench.benchmark.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One dataset record as the runner needs it. */
public record Sample(
    String sampleId,
    String sourceText,
    String summary,
    double latencySeconds,
    Map<String, Double> storedScores,
    List<String> injectedDefects) {

  /** Reads a Stage 05 record; a record without stored scores has an empty score map. */
  public static Sample of(JsonNode record) {
    Map<String, Double> scores = new LinkedHashMap<>();
    JsonNode stored = record.path("ground_truth").path("llm_judge").path("scores");
    stored.properties().forEach(e -> scores.put(e.getKey(), e.getValue().asDouble()));
    List<String> defects = new ArrayList<>();
    record.path("metadata").path("injected_defects").forEach(d -> defects.add(d.asText()));
    return new Sample(
        record.path("sample_id").asText(),
        record.path("source_text").asText(),
        record.path("summary_markdown").asText(),
        record.path("latency_seconds").asDouble(),
        scores,
        defects);
  }
}
