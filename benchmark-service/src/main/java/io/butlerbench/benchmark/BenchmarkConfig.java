package io.butlerbench.benchmark;

import io.butlerbench.benchmark.run.RunService;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Scenarios, judges and runner knobs. A scenario is added or tuned by configuration alone. */
@ConfigMapping(prefix = "benchmark")
public interface BenchmarkConfig {

  Map<String, ScenarioConfig> scenarios();

  /** Base URL of the exporter-service, whose datasets the runs read (its REST client's URL). */
  @WithDefault("http://127.0.0.1:8082")
  String exporterUrl();

  /** How long a record stream from the exporter may send nothing before its read fails. */
  @WithDefault("60S")
  Duration exporterIdleTimeout();

  /** Samples judged at once unless the run says otherwise. */
  @WithDefault("4")
  @Min(1)
  @Max(RunService.MAX_CONCURRENCY)
  int defaultConcurrency();

  /** A run whose share of errored samples exceeds this fails, whatever its scores. */
  @WithDefault("0.1")
  double maxErrorShare();

  /**
   * A metric within this share of a limit (or within its spread across repeats) is flagged "review
   * needed": 0.01 is 0.0088 around coverage 0.88, 2.1 s around 210 s.
   */
  @WithDefault("0.01")
  double reviewBand();

  /** Wall-time limit of a run unless its request sets a shorter or longer one (up to 7 days). */
  @WithDefault("6H")
  @DurationMin(seconds = 1)
  @DurationMax(seconds = RunService.MAX_DEADLINE_SECONDS)
  Duration runDeadline();

  /** Runs this instance executes at once; one more is a 429. */
  @WithDefault("4")
  int maxConcurrentRuns();

  /**
   * Records per chunk: the unit of work an instance claims. Small enough that a second instance
   * finds chunks to share, large enough that claims cost little against judging.
   */
  @WithDefault("50")
  int chunkSize();

  /**
   * How long a claim on a run or a chunk lives without a heartbeat; past it, another instance takes
   * the work over. The heartbeat ({@code benchmark.heartbeat-interval}) must be shorter.
   */
  @WithDefault("30S")
  Duration lease();

  /** How often this instance renews its leases; read by the scheduler. */
  @WithDefault("10s")
  String heartbeatInterval();

  /** How often this instance looks for runs with work nobody does; read by the scheduler. */
  @WithDefault("5s")
  String sweepInterval();

  Llm llm();

  interface ScenarioConfig {
    String dataset();

    Map<String, ThresholdConfig> metrics();
  }

  interface ThresholdConfig {
    double pass();

    double warn();

    @WithDefault("false")
    boolean lowerIsBetter();
  }

  /**
   * The OpenAI-compatible endpoint for the LLM judge and candidate generation. Its timeout,
   * retries, back-off and in-flight limit are Fault Tolerance settings of its calls ({@code
   * judge/LlmCalls}, {@code application.properties}).
   */
  interface Llm {
    /** Base URL (without /v1); the LLM judge is unavailable while it is empty. */
    Optional<String> url();

    Optional<String> apiKey();

    @WithDefault("gpt-4o")
    String judgeModel();

    @WithDefault("benchmark-2025-11-v1")
    String promptVersion();

    /**
     * Candidate models whose token counts get a metric series of their own; any other candidate is
     * counted as {@code unlisted}.
     */
    @WithDefault("qwen-7b,qwen-7b-ft-ru-digest-stage05")
    List<String> candidateModels();

    /** Re-asks of a truncated or unparseable answer. */
    @WithDefault("2")
    int maxReasks();

    /** The longest a {@code Retry-After} is honoured; a longer one waits this long. */
    @WithDefault("120S")
    Duration maxRetryAfter();

    @WithDefault("0.0")
    @DecimalMin("0")
    @DecimalMax("2")
    double temperature();

    @WithDefault("42")
    long seed();

    @WithDefault("400")
    int maxTokens();
  }
}
