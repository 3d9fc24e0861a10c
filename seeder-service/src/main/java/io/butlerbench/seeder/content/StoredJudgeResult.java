package io.butlerbench.seeder.content;

import io.butlerbench.contracts.Metric;
import io.butlerbench.seeder.corpus.LlmJudge;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code llm_judge} a generated document carries. Scores agree with the injected defect: the
 * metric a defect targets scores low, so a summary that omits key posts cannot score high coverage.
 */
final class StoredJudgeResult {
  private StoredJudgeResult() {}

  static LlmJudge build(
      DocumentRandom random, GeneratorSettings settings, Defect defect, String defectNote) {
    Map<String, Double> scores = new LinkedHashMap<>();
    double sum = 0;
    for (String metric : Metric.JUDGED_KEYS) {
      double score =
          defect != null && defect.targetMetric().equals(metric)
              ? random.between(0.40, 0.72)
              : random.between(0.88, 0.995);
      score = Math.round(score * 1000) / 1000.0;
      scores.put(metric, score);
      sum += score;
    }
    double mean = sum / Metric.JUDGED_KEYS.size();
    String verdict =
        mean >= 0.93
            ? "EXCEEDS_EXPECTATIONS"
            : mean >= 0.85 ? "MEETS_EXPECTATIONS" : "BELOW_EXPECTATIONS";
    String notes =
        defect == null
            ? "Резюме полно и точно передаёт ключевые темы источника, изложение последовательное."
            : defectNote;
    return new LlmJudge(settings.judgeModel(), settings.promptVersion(), scores, verdict, notes);
  }

  /** A right-skewed latency: log-normal around the median, so most are fast and a tail is slow. */
  static double latencySeconds(DocumentRandom random, double medianSeconds, double sigma) {
    double value = medianSeconds * Math.exp(sigma * random.gaussian());
    return Math.max(1.0, Math.round(value * 1000) / 1000.0);
  }

  static Defect pickDefect(DocumentRandom random, GeneratorSettings settings) {
    if (!random.chance(settings.defectShare())) {
      return null;
    }
    Defect[] all = Defect.values();
    return all[random.between(0, all.length - 1)];
  }
}
