package io.butlerbench.pilot.decision;

import io.butlerbench.contracts.run.MetricResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What the pilot keeps of a benchmark run ({@code GET /runs/{id}} of the benchmark service): what
 * was measured and how (scenario, dataset version, judge, judge model, prompt version), how the run
 * ended (outcome, share of ERROR samples) and its metric values. A field the run did not report
 * stays null, so the decision rule can tell "missing" from "equal" and never compares runs it
 * cannot show to be alike.
 */
public record RunSummary(
    String runId,
    String model,
    String scenario,
    String datasetId,
    String datasetVersion,
    String judge,
    String judgeModel,
    String promptVersion,
    String status,
    String outcome,
    Double errorShare,
    Long errors,
    Map<String, Double> metrics) {

  /** The fields two runs must share for their metrics to be compared, in the order checked. */
  public static final List<String> COMPARABLE =
      List.of(
          "scenario", "dataset_id", "dataset_version", "judge", "judge_model", "prompt_version");

  public RunSummary {
    // kept in the benchmark's order: the sign-off report lists metrics as the baseline has them
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The summary of a run as the benchmark service answers it; {@code model} is whose summaries. */
  public static RunSummary fromBenchmark(
      io.butlerbench.contracts.run.RunSummary run, String model) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (run.metrics() != null) {
      for (MetricResult metric : run.metrics()) {
        if (metric != null && metric.metric() != null && metric.value() != null) {
          values.put(metric.metric(), metric.value());
        }
      }
    }
    return new RunSummary(
        text(run.runId()),
        model,
        text(run.scenario()),
        text(run.datasetId()),
        text(run.datasetVersion()),
        text(run.judge()),
        text(run.judgeModel()),
        text(run.promptVersion()),
        run.status() == null ? null : run.status().name(),
        run.outcome() == null ? null : run.outcome().name(),
        run.errorShare(),
        run.errors(),
        values);
  }

  /** A summary as the pilot stored it; a pilot without that run gives a summary of nulls. */
  public static RunSummary fromStored(Document stored) {
    Document run = stored == null ? new Document() : stored;
    Map<String, Double> values = new LinkedHashMap<>();
    if (run.get("metrics") instanceof Document metrics) {
      metrics.forEach(
          (metric, value) -> {
            if (value instanceof Number number) {
              values.put(metric, number.doubleValue());
            }
          });
    }
    return new RunSummary(
        run.getString("run_id"),
        run.getString("model"),
        run.getString("scenario"),
        run.getString("dataset_id"),
        run.getString("dataset_version"),
        run.getString("judge"),
        run.getString("judge_model"),
        run.getString("prompt_version"),
        run.getString("status"),
        run.getString("outcome"),
        run.get("error_share") instanceof Number share ? share.doubleValue() : null,
        run.get("errors") instanceof Number errors ? errors.longValue() : null,
        values);
  }

  /** The stored form, one field per component under the benchmark's own names. */
  public Document toDocument() {
    return new Document("run_id", runId)
        .append("model", model)
        .append("scenario", scenario)
        .append("dataset_id", datasetId)
        .append("dataset_version", datasetVersion)
        .append("judge", judge)
        .append("judge_model", judgeModel)
        .append("prompt_version", promptVersion)
        .append("status", status)
        .append("outcome", outcome)
        .append("error_share", errorShare)
        .append("errors", errors)
        .append("metrics", new Document(metrics));
  }

  /** The value of one of the {@link #COMPARABLE} fields. */
  public String comparable(String field) {
    return switch (field) {
      case "scenario" -> scenario;
      case "dataset_id" -> datasetId;
      case "dataset_version" -> datasetVersion;
      case "judge" -> judge;
      case "judge_model" -> judgeModel;
      case "prompt_version" -> promptVersion;
      default -> throw new IllegalArgumentException("not a comparable field: " + field);
    };
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
