package io.butlerbench.seeder.corpus;

import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.contracts.corpus.CorpusFields.ReportMetadata;
import io.butlerbench.contracts.corpus.CorpusFields.ReviewFeatureFlags;
import io.butlerbench.contracts.corpus.CorpusFields.ReviewReport;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

/**
 * A modular code-review report as stored in {@code review_reports}: review passes with findings, a
 * synthesis written from them, and the judge result. The id is the report id (assignment, day,
 * slot), stored as {@code _id} and as {@code report_id}.
 */
@MongoEntity(collection = CorpusFields.REVIEW_REPORTS)
@RegisterForReflection
public record StoredReviewReport(
    @BsonId String id,
    @BsonProperty(ReviewReport.REPORT_ID) String reportId,
    @BsonProperty(ReviewReport.ASSIGNMENT_ID) String assignmentId,
    @BsonProperty(ReviewReport.STUDENT_ID) String studentId,
    @BsonProperty(ReviewReport.LANGUAGE) String language,
    @BsonProperty(ReviewReport.CREATED_AT) Instant createdAt,
    @BsonProperty(ReviewReport.REPORT) Report report,
    @BsonProperty(ReviewReport.SYNTHETIC) SyntheticLabel synthetic) {

  /** The reviewer's output. */
  @RegisterForReflection
  public record Report(
      @BsonProperty(CorpusFields.Report.PASSES) List<Pass> passes,
      @BsonProperty(CorpusFields.Report.SYNTHESIS) String synthesis,
      @BsonProperty(CorpusFields.Report.METADATA) Metadata metadata) {}

  /** One review pass: architecture, component or synthesis. */
  @RegisterForReflection
  public record Pass(
      @BsonProperty(CorpusFields.Pass.PASS_NAME) String passName,
      @BsonProperty(CorpusFields.Pass.SUMMARY) String summary,
      @BsonProperty(CorpusFields.Pass.FINDINGS) List<Finding> findings,
      @BsonProperty(CorpusFields.Pass.RECOMMENDATIONS) List<String> recommendations) {}

  /** A finding of a pass, pointing at a line of the student's code. */
  @RegisterForReflection
  public record Finding(
      @BsonProperty(CorpusFields.Finding.SEVERITY) String severity,
      @BsonProperty(CorpusFields.Finding.TITLE) String title,
      @BsonProperty(CorpusFields.Finding.DESCRIPTION) String description,
      @BsonProperty(CorpusFields.Finding.FILE) String file,
      @BsonProperty(CorpusFields.Finding.LINE) int line) {}

  /** How the report was produced, and the judge's result. */
  @RegisterForReflection
  public record Metadata(
      @BsonProperty(ReportMetadata.LLM_MODEL) String llmModel,
      @BsonProperty(ReportMetadata.FEATURE_FLAGS) FeatureFlags featureFlags,
      @BsonProperty(ReportMetadata.LATENCY_SECONDS) double latencySeconds,
      @BsonProperty(ReportMetadata.LLM_JUDGE) LlmJudge llmJudge) {}

  /** The reviewer's feature flags when it wrote the report. */
  @RegisterForReflection
  public record FeatureFlags(
      @BsonProperty(ReviewFeatureFlags.USE_MODULAR_REVIEWER) boolean useModularReviewer,
      @BsonProperty(ReviewFeatureFlags.ENABLE_LOG_ANALYSIS) boolean enableLogAnalysis,
      @BsonProperty(ReviewFeatureFlags.ENABLE_QUALITY_EVALUATION)
          boolean enableQualityEvaluation) {}
}
