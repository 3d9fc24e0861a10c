package io.butlerbench.contracts.dataset;

import io.butlerbench.contracts.Metric;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of a published Stage 05 dataset ({@code benchmark_digest_ru_v1} or {@code
 * benchmark_review_ru_v1}), as the exporter writes it and validates it against {@code
 * benchmark-record-v1}. A field that is absent on the wire is null here; the exporter never writes
 * a null.
 *
 * @param channel the Telegram channel of a digest, the assignment id of a review report
 * @param groundTruth present when the source document carried a judgement
 */
public record DatasetRecord(
    String sampleId,
    String channel,
    String language,
    Instant timestamp,
    String sourceText,
    String summaryMarkdown,
    Metadata metadata,
    GroundTruth groundTruth,
    double latencySeconds) {

  /**
   * A digest has {@code postsCount}; a review report has {@code passesCount}, {@code studentId} and
   * {@code assignmentId}; the other kind's fields are null.
   *
   * @param injectedDefects the defects the seeder injected on purpose, null when none were
   */
  public record Metadata(
      Integer postsCount,
      Integer passesCount,
      int timeRangeHours,
      String llmModel,
      Map<String, Boolean> featureFlags,
      String studentId,
      String assignmentId,
      List<String> injectedDefects) {}

  public record GroundTruth(LlmJudge llmJudge) {}

  /** A judge's scores of the summary, each 0.0-1.0. */
  public record LlmJudge(
      String judgeModel, String promptVersion, Scores scores, Verdict verdict, String notes) {}

  /** One score per judged metric, named by its wire key. */
  public record Scores(double coverage, double accuracy, double coherence, double informativeness) {

    public double of(Metric metric) {
      return switch (metric) {
        case COVERAGE -> coverage;
        case ACCURACY -> accuracy;
        case COHERENCE -> coherence;
        case INFORMATIVENESS -> informativeness;
      };
    }
  }

  public enum Verdict {
    BELOW_EXPECTATIONS,
    MEETS_EXPECTATIONS,
    EXCEEDS_EXPECTATIONS
  }
}
