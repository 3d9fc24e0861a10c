package io.butlerbench.pilot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The pilot's knobs: services it calls, the dataset of each scenario, the decision rule. */
@ConfigMapping(prefix = "pilot")
public interface PilotConfig {

  @WithDefault("http://127.0.0.1:8082")
  String exporterUrl();

  @WithDefault("http://127.0.0.1:8083")
  String benchmarkUrl();

  /** Dataset of each scenario the pilot can run on. */
  Map<String, String> scenarioDatasets();

  /** Judge of baseline and evaluation runs when the request names none. */
  @WithDefault("reference")
  String defaultJudge();

  /**
   * How long a pilot waits for a baseline, evaluation or recovery run, from the request that asked
   * for it: start retries and the run itself. A backstop only: the benchmark's own run deadline
   * ({@code benchmark.run-deadline}, 6 h) normally ends a run first, and the pilot follows it until
   * it ends.
   */
  @WithDefault("24H")
  Duration runTimeout();

  /** How often the run poller looks at the benchmark runs pilots wait for. */
  @WithDefault("5s")
  String runPollEvery();

  /**
   * How long a step with side effects (submitting training, promotion, rollback) may hold its claim
   * on a pilot before recovery takes it for a step whose process died; also how long a benchmark
   * run's start attempt may go without an outcome before the run poller takes it for one whose
   * process died. Longer than any live step or attempt (an HTTP call is bounded by 65 s).
   */
  @WithDefault("10M")
  Duration claimTimeout();

  /** How often stale claims are looked for (and once at start-up). */
  @WithDefault("60S")
  Duration claimRecoveryEvery();

  /** Commit of the running build, recorded with every pilot. */
  @WithDefault("unknown")
  String gitCommit();

  Decision decision();

  FineTuning fineTuning();

  /** An OpenAI-compatible fine-tuning API; without a URL only the external provider is offered. */
  interface FineTuning {
    java.util.Optional<String> url();

    java.util.Optional<String> apiKey();

    @WithDefault("10s")
    String pollEvery();
  }

  interface Decision {
    @WithDefault("0.90")
    double absoluteFloor();

    @WithDefault("0.01")
    double minAbsoluteImprovement();

    @WithDefault("0.02")
    double minRelativeImprovement();

    @WithDefault("0.10")
    double latencyMargin();

    /** Largest share of ERROR samples a run may have and still be compared (the benchmark's). */
    @WithDefault("0.10")
    double maxErrorShare();
  }
}
