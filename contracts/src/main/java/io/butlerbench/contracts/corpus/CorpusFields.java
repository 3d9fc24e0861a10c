package io.butlerbench.contracts.corpus;

/**
 * The stored shape of the synthetic corpus, written once: the collections the seeder fills and the
 * exporter reads, and every field name of their documents and sub-documents. Both sides build their
 * queries and mappings from these names, so a rename is one edit that both see.
 */
public final class CorpusFields {
  /** The collection of channel digests. */
  public static final String DIGESTS = "digests";

  /** The collection of code-review reports. */
  public static final String REVIEW_REPORTS = "review_reports";

  /** MongoDB's primary key; the seeder stores the business id (digest or report id) in it. */
  public static final String ID = "_id";

  private CorpusFields() {}

  /** A document of {@link #DIGESTS}. */
  public static final class Digest {
    public static final String DIGEST_ID = "digest_id";
    public static final String CHANNEL = "channel";
    public static final String LANGUAGE = "language";
    public static final String CREATED_AT = "created_at";
    public static final String TIME_RANGE_HOURS = "time_range_hours";

    /** A list of {@link Post} sub-documents. */
    public static final String POSTS = "posts";

    public static final String SUMMARY_MARKDOWN = "summary_markdown";

    /** A {@link DigestFeatureFlags} sub-document. */
    public static final String FEATURE_FLAGS = "feature_flags";

    public static final String LATENCY_SECONDS = "latency_seconds";
    public static final String LLM_MODEL = "llm_model";

    /** A {@link Quality} sub-document. */
    public static final String QUALITY = "quality";

    /** A {@link Synthetic} sub-document. */
    public static final String SYNTHETIC = "synthetic";

    private Digest() {}
  }

  /** One source post inside {@link Digest#POSTS}. */
  public static final class Post {
    public static final String MESSAGE_ID = "message_id";
    public static final String POSTED_AT = "posted_at";
    public static final String TITLE = "title";
    public static final String TEXT = "text";
    public static final String VIEWS = "views";

    private Post() {}
  }

  /** The sub-document {@link Digest#FEATURE_FLAGS}. */
  public static final class DigestFeatureFlags {
    public static final String USE_NEW_SUMMARIZATION = "use_new_summarization";
    public static final String ENABLE_QUALITY_EVALUATION = "enable_quality_evaluation";
    public static final String ENABLE_ASYNC_LONG_SUMMARIZATION = "enable_async_long_summarization";

    private DigestFeatureFlags() {}
  }

  /** The sub-document {@link Digest#QUALITY}. */
  public static final class Quality {
    /** An {@link LlmJudge} sub-document. */
    public static final String LLM_JUDGE = "llm_judge";

    private Quality() {}
  }

  /** A document of {@link #REVIEW_REPORTS}. */
  public static final class ReviewReport {
    public static final String REPORT_ID = "report_id";
    public static final String ASSIGNMENT_ID = "assignment_id";
    public static final String STUDENT_ID = "student_id";
    public static final String LANGUAGE = "language";
    public static final String CREATED_AT = "created_at";

    /** A {@link Report} sub-document. */
    public static final String REPORT = "report";

    /** A {@link Synthetic} sub-document. */
    public static final String SYNTHETIC = "synthetic";

    private ReviewReport() {}
  }

  /** The sub-document {@link ReviewReport#REPORT}. */
  public static final class Report {
    /** A list of {@link Pass} sub-documents. */
    public static final String PASSES = "passes";

    /** The final verdict, Markdown. */
    public static final String SYNTHESIS = "synthesis";

    /** A {@link ReportMetadata} sub-document. */
    public static final String METADATA = "metadata";

    private Report() {}
  }

  /** One review pass inside {@link Report#PASSES}. */
  public static final class Pass {
    public static final String PASS_NAME = "pass_name";
    public static final String SUMMARY = "summary";

    /** A list of {@link Finding} sub-documents. */
    public static final String FINDINGS = "findings";

    /** A list of strings. */
    public static final String RECOMMENDATIONS = "recommendations";

    private Pass() {}
  }

  /** One finding inside {@link Pass#FINDINGS}. */
  public static final class Finding {
    public static final String SEVERITY = "severity";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String FILE = "file";
    public static final String LINE = "line";

    private Finding() {}
  }

  /** The sub-document {@link Report#METADATA}. */
  public static final class ReportMetadata {
    public static final String LLM_MODEL = "llm_model";

    /** A {@link ReviewFeatureFlags} sub-document. */
    public static final String FEATURE_FLAGS = "feature_flags";

    public static final String LATENCY_SECONDS = "latency_seconds";

    /** An {@link LlmJudge} sub-document. */
    public static final String LLM_JUDGE = "llm_judge";

    private ReportMetadata() {}
  }

  /** The sub-document {@link ReportMetadata#FEATURE_FLAGS}. */
  public static final class ReviewFeatureFlags {
    public static final String USE_MODULAR_REVIEWER = "use_modular_reviewer";
    public static final String ENABLE_LOG_ANALYSIS = "enable_log_analysis";
    public static final String ENABLE_QUALITY_EVALUATION = "enable_quality_evaluation";

    private ReviewFeatureFlags() {}
  }

  /** The stored judge result: {@link Quality#LLM_JUDGE} or {@link ReportMetadata#LLM_JUDGE}. */
  public static final class LlmJudge {
    public static final String JUDGE_MODEL = "judge_model";
    public static final String PROMPT_VERSION = "prompt_version";

    /** Metric key ({@link io.butlerbench.contracts.Metric#key()}) to score, 0.0-1.0. */
    public static final String SCORES = "scores";

    public static final String VERDICT = "verdict";
    public static final String NOTES = "notes";

    private LlmJudge() {}
  }

  /** The sub-document {@code synthetic}: how a document was generated, which defect it carries. */
  public static final class Synthetic {
    public static final String GENERATOR = "generator";
    public static final String SEED = "seed";

    /** A list of {@link io.butlerbench.contracts.Defect#label()} values. */
    public static final String INJECTED_DEFECTS = "injected_defects";

    private Synthetic() {}
  }
}
