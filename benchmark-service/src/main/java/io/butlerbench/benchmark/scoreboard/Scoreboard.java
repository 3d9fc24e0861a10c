package io.butlerbench.benchmark.scoreboard;

import io.butlerbench.benchmark.run.RunStore;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Scenarios;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The latest completed run per scenario and judge, as Markdown that pastes into a pull request as
 * it is.
 */
public class Scoreboard {
  private final RunStore store;
  private final Scenarios scenarios;

  public Scoreboard(RunStore store, Scenarios scenarios) {
    this.store = store;
    this.scenarios = scenarios;
  }

  public String markdown() {
    StringBuilder out = new StringBuilder("## Benchmark scoreboard\n\n");
    out.append(
        "| scenario | judge | dataset version | model | coverage | accuracy | coherence | informativeness"
            + " | latency p95 (s) | outcome | errors | run | finished |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    int rows = 0;
    for (Scenario scenario : scenarios.all()) {
      Map<String, Document> latestPerJudge = new LinkedHashMap<>();
      for (Document run : store.latest(scenario.name(), 200)) {
        if (RunStore.COMPLETED.equals(run.getString("status"))) {
          latestPerJudge.putIfAbsent(run.getString("judge"), run);
        }
      }
      for (Document run : latestPerJudge.values()) {
        rows++;
        Map<String, Document> metrics = new LinkedHashMap<>();
        for (Document metric : run.getList("metrics", Document.class, List.of())) {
          metrics.put(metric.getString("metric"), metric);
        }
        List<String> cells = new ArrayList<>();
        cells.add("`" + scenario.name() + "`");
        cells.add(run.getString("judge") + " (" + run.getString("judge_model") + ")");
        cells.add("`" + run.getString("dataset_version") + "`");
        cells.add(
            run.getString("candidate_model") == null
                ? "stored summaries"
                : run.getString("candidate_model"));
        for (String metric :
            List.of("coverage", "accuracy", "coherence", "informativeness", Scenario.LATENCY)) {
          Document value = metrics.get(metric);
          cells.add(
              value == null
                  ? "n/a"
                  : format(value.get("value")) + " " + value.getString("outcome"));
        }
        cells.add("**" + run.getString("outcome") + "**");
        cells.add(String.valueOf(run.get("errors")));
        cells.add("`" + run.getString("_id") + "`");
        Date finished = run.getDate("finished_at");
        cells.add(finished == null ? "" : finished.toInstant().toString());
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
      }
    }
    if (rows == 0) {
      out.append("| _no completed run yet_ |  |  |  |  |  |  |  |  |  |  |  |  |\n");
    }
    out.append(
        "\nQuality metrics are means over scored samples; latency is the 95th percentile. Outcomes:"
            + " PASS, WARN, FAIL against the thresholds of each scenario.\n");
    return out.toString();
  }

  private static String format(Object value) {
    return value instanceof Number number
        ? String.format(java.util.Locale.ROOT, "%.3f", number.doubleValue())
        : String.valueOf(value);
  }
}
