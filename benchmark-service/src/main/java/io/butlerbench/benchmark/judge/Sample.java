package io.butlerbench.benchmark.judge;

import io.butlerbench.contracts.Metric;
import io.butlerbench.contracts.dataset.DatasetRecord;
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

  /** A Stage 05 record; one without stored scores has an empty score map. */
  public static Sample of(DatasetRecord record) {
    Map<String, Double> scores = new LinkedHashMap<>();
    DatasetRecord.GroundTruth truth = record.groundTruth();
    if (truth != null && truth.llmJudge() != null && truth.llmJudge().scores() != null) {
      for (Metric metric : Metric.JUDGED) {
        scores.put(metric.key(), truth.llmJudge().scores().of(metric));
      }
    }
    List<String> defects =
        record.metadata() == null || record.metadata().injectedDefects() == null
            ? List.of()
            : List.copyOf(record.metadata().injectedDefects());
    return new Sample(
        record.sampleId(),
        record.sourceText(),
        record.summaryMarkdown(),
        record.latencySeconds(),
        scores,
        defects);
  }
}
