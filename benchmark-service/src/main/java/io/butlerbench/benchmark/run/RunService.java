package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.BenchmarkConfig;
import io.butlerbench.benchmark.dataset.DatasetSource;
import io.butlerbench.benchmark.judge.LlmEndpoint;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Scenarios;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.UpstreamException;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;

/** Turns requests into validated plans. */
@Singleton
public class RunService {
  public static final int MAX_CONCURRENCY = 64;
  public static final int MAX_REPEATS = 10;
  public static final long MAX_DEADLINE_SECONDS = 7 * 24 * 60 * 60;

  private final Scenarios scenarios;
  private final DatasetSource datasets;
  private final RunStore store;
  private final Runner runner;
  private final BenchmarkConfig config;
  private final boolean llmAvailable;

  public RunService(
      Scenarios scenarios,
      DatasetSource datasets,
      RunStore store,
      Runner runner,
      BenchmarkConfig config,
      Optional<LlmEndpoint> llm) {
    this.scenarios = scenarios;
    this.datasets = datasets;
    this.store = store;
    this.runner = runner;
    this.config = config;
    this.llmAvailable = llm.isPresent();
  }

  public Document start(RunRequest request) {
    return runner.submit(plan(request));
  }

  /**
   * Fills in the defaults and checks what cannot be declared on one field of {@link RunRequest}:
   * those rules are checked before this ({@code @Valid} on the resource), and the defaults come
   * from configuration checked at start. What stays here depends on the registered scenarios, on
   * another field (a candidate model needs a judge that calls the LLM), on whether an LLM endpoint
   * is configured, or on the exporter (the dataset version). A missing body is answered here too:
   * {@code @Valid} passes it, and it has no scenario.
   */
  public RunPlan plan(RunRequest request) {
    if (request == null || request.scenario() == null) {
      throw new InvalidRequestException(
          "scenario", "required", "scenario is required, one of " + names());
    }
    Scenario scenario =
        scenarios
            .find(request.scenario())
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "scenario",
                        "enum",
                        "unknown scenario '" + request.scenario() + "'; known: " + names()));
    String judge = request.judge() == null ? "dry-run" : request.judge();
    if (request.candidateModel() != null && judge.equals("dry-run")) {
      throw new InvalidRequestException(
          "candidate_model",
          "dry-run-calls-no-llm",
          "a dry run replays stored scores and makes no LLM call, so it cannot judge a candidate"
              + " model's summaries: use the reference or llm judge");
    }
    if ((judge.equals("llm") || request.candidateModel() != null) && !llmAvailable) {
      throw new InvalidRequestException(
          judge.equals("llm") ? "judge" : "candidate_model",
          "unavailable",
          "no LLM endpoint is configured: set LLM_URL, or use the dry-run or reference judge");
    }
    int concurrency =
        request.concurrency() == null ? config.defaultConcurrency() : request.concurrency();
    double temperature =
        request.temperature() == null ? config.llm().temperature() : request.temperature();
    int repeats = request.repeats() == null ? 1 : request.repeats();
    Duration deadline =
        request.deadlineSeconds() == null
            ? config.runDeadline()
            : Duration.ofSeconds(request.deadlineSeconds());
    DatasetSource.Version version =
        findVersion(scenario, request.datasetVersion())
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "dataset_version",
                        "exists",
                        request.datasetVersion() == null
                            ? "the exporter has no published version of "
                                + scenario.datasetId()
                                + "; export it first"
                            : "the exporter has no version '"
                                + request.datasetVersion()
                                + "' of "
                                + scenario.datasetId()));
    return new RunPlan(
        scenario,
        version.version(),
        version.recordCount(),
        judge,
        request.candidateModel(),
        concurrency,
        request.seed() == null ? config.llm().seed() : request.seed(),
        temperature,
        Boolean.TRUE.equals(request.warnAsFail()),
        repeats,
        deadline);
  }

  private Optional<DatasetSource.Version> findVersion(Scenario scenario, String version) {
    try {
      return version == null
          ? datasets.latest(scenario.datasetId())
          : datasets.version(scenario.datasetId(), version);
    } catch (UncheckedIOException e) {
      throw new UpstreamException("the exporter", e.getCause());
    }
  }

  /** The plan a stored run was started with, to resume it. */
  public RunPlan planOf(Document run) {
    return plan(
        new RunRequest(
            run.getString("scenario"),
            run.getString("dataset_version"),
            run.getString("judge"),
            run.getString("candidate_model"),
            run.getInteger("concurrency"),
            run.getLong("seed"),
            run.getDouble("temperature"),
            run.getBoolean("warn_as_fail"),
            run.getInteger("repeats", 1),
            run.get("deadline_seconds") instanceof Number n ? n.longValue() : null));
  }

  /** False when the run was not resumable at the moment of the conditional update. */
  public boolean resume(Document run) {
    return runner.resume(run.getString("_id"), planOf(run));
  }

  public Scenario scenario(String name) {
    return scenarios
        .find(name)
        .orElseThrow(
            () ->
                new InvalidRequestException("scenario", "enum", "unknown scenario '" + name + "'"));
  }

  private String names() {
    return String.join(", ", scenarios.all().stream().map(Scenario::name).toList());
  }
}
