package io.butlerbench.benchmark.scoreboard;

import io.butlerbench.benchmark.run.RunStore;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Scenarios;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * The latest completed run per scenario and judge, as Markdown that pastes into a pull request as
 * it is. The rows are prepared here ({@link ScoreboardView}); the template {@code
 * templates/Scoreboard/scoreboard.txt} lays them out.
 */
public class Scoreboard {
  static final List<String> METRICS =
      Stream.concat(Scenario.QUALITY.stream(), Stream.of(Scenario.LATENCY)).toList();

  private final RunStore store;
  private final Scenarios scenarios;

  @CheckedTemplate
  static class Templates {
    private Templates() {}

    static native TemplateInstance scoreboard(ScoreboardView view);
  }

  public Scoreboard(RunStore store, Scenarios scenarios) {
    this.store = store;
    this.scenarios = scenarios;
  }

  public String markdown() {
    return Templates.scoreboard(view()).render();
  }

  /** The latest completed run per scenario (by name) and judge, newest judge first. */
  ScoreboardView view() {
    List<ScoreboardView.Row> rows = new ArrayList<>();
    List<Scenario> ordered = new ArrayList<>(scenarios.all());
    ordered.sort(Comparator.comparing(Scenario::name));
    for (Scenario scenario : ordered) {
      Map<String, Document> latestPerJudge = new LinkedHashMap<>();
      for (Document run : store.latest(scenario.name(), 200)) {
        if (RunStore.COMPLETED.equals(run.getString("status"))) {
          latestPerJudge.putIfAbsent(run.getString("judge"), run);
        }
      }
      for (Document run : latestPerJudge.values()) {
        rows.add(row(scenario, run));
      }
    }
    return new ScoreboardView(rows);
  }

  private static ScoreboardView.Row row(Scenario scenario, Document run) {
    Map<String, Document> metrics = new LinkedHashMap<>();
    for (Document metric : run.getList("metrics", Document.class, List.of())) {
      metrics.put(metric.getString("metric"), metric);
    }
    List<String> cells = new ArrayList<>();
    for (String metric : METRICS) {
      Document value = metrics.get(metric);
      cells.add(
          value == null ? "n/a" : format(value.get("value")) + " " + value.getString("outcome"));
    }
    Date finished = run.getDate("finished_at");
    return new ScoreboardView.Row(
        scenario.name(),
        String.valueOf(run.getString("judge")),
        String.valueOf(run.getString("judge_model")),
        String.valueOf(run.getString("dataset_version")),
        run.getString("candidate_model") == null
            ? "stored summaries"
            : run.getString("candidate_model"),
        cells,
        String.valueOf(run.getString("outcome")),
        String.valueOf(run.get("errors")),
        String.valueOf(run.getString("_id")),
        finished == null ? "" : finished.toInstant().toString());
  }

  private static String format(Object value) {
    return value instanceof Number number
        ? String.format(Locale.ROOT, "%.3f", number.doubleValue())
        : String.valueOf(value);
  }
}
