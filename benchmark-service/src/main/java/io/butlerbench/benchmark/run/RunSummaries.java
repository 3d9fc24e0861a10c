package io.butlerbench.benchmark.run;

import io.butlerbench.contracts.run.DefectBreakdown;
import io.butlerbench.contracts.run.MetricResult;
import io.butlerbench.contracts.run.Outcome;
import io.butlerbench.contracts.run.RunProgress;
import io.butlerbench.contracts.run.RunStatus;
import io.butlerbench.contracts.run.RunSummary;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** A stored run as the API answers it, with whether it is its scenario's blessed baseline. */
final class RunSummaries {
  private RunSummaries() {}

  /** {@code baselines}: the baseline pointer of each scenario ({@link RunStore#baselineRuns()}). */
  static RunSummary of(Document run, Map<String, Document> baselines) {
    Document pointer = baselines.get(run.getString("scenario"));
    boolean baseline = pointer != null && run.getString("_id").equals(pointer.getString("run_id"));
    Document progress = run.get("progress", Document.class);
    String status = run.getString("status");
    String outcome = run.getString("outcome");
    return new RunSummary(
        run.getString("run_id"),
        run.getString("scenario"),
        run.getString("dataset_id"),
        run.getString("dataset_version"),
        longOf(run, "record_count"),
        run.getString("judge"),
        run.getString("judge_model"),
        run.getString("prompt_version"),
        run.getString("candidate_model"),
        intOf(run, "concurrency"),
        longOf(run, "seed"),
        doubleOf(run, "temperature"),
        run.getBoolean("warn_as_fail"),
        longOf(run, "deadline_seconds"),
        status == null ? null : RunStatus.valueOf(status),
        instantOf(run, "created_at"),
        intOf(run, "repeats"),
        progress == null
            ? null
            : new RunProgress(
                longOf(progress, "total"),
                longOf(progress, "done"),
                longOf(progress, "errors"),
                doubleOf(progress, "elapsed_seconds")),
        instantOf(run, "started_at"),
        instantOf(run, "deadline_at"),
        instantOf(run, "lease_until"),
        instantOf(run, "finished_at"),
        run.containsKey("metrics")
            ? run.getList("metrics", Document.class).stream().map(RunSummaries::metric).toList()
            : null,
        outcome == null ? null : Outcome.valueOf(outcome),
        run.getString("reason"),
        doubleOf(run, "error_share"),
        longOf(run, "errors"),
        longOf(run, "judge_calls"),
        run.containsKey("defect_breakdown")
            ? run.getList("defect_breakdown", Document.class).stream()
                .map(RunSummaries::defect)
                .toList()
            : null,
        baseline,
        baseline ? pointer.getString("blessed_by") : null,
        baseline ? instantOf(pointer, "blessed_at") : null);
  }

  private static MetricResult metric(Document row) {
    String outcome = row.getString("outcome");
    return new MetricResult(
        row.getString("metric"),
        doubleOf(row, "value"),
        outcome == null ? null : Outcome.valueOf(outcome),
        doubleOf(row, "pass"),
        doubleOf(row, "warn"),
        longOf(row, "samples"),
        doubleOf(row, "spread"),
        row.getBoolean("review_needed"));
  }

  private static DefectBreakdown defect(Document row) {
    return new DefectBreakdown(
        row.getString("defect"),
        row.getString("metric"),
        doubleOf(row, "mean_with_defect"),
        doubleOf(row, "mean_clean"),
        longOf(row, "samples_with_defect"));
  }

  private static Long longOf(Document document, String key) {
    return document.get(key) instanceof Number number ? number.longValue() : null;
  }

  private static Integer intOf(Document document, String key) {
    return document.get(key) instanceof Number number ? number.intValue() : null;
  }

  private static Double doubleOf(Document document, String key) {
    return document.get(key) instanceof Number number ? number.doubleValue() : null;
  }

  private static Instant instantOf(Document document, String key) {
    return document.get(key) instanceof Date date ? date.toInstant() : null;
  }

  static List<RunSummary> of(List<Document> runs, Map<String, Document> baselines) {
    return runs.stream().map(run -> of(run, baselines)).toList();
  }
}
