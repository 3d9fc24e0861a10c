package io.butlerbench.benchmark.scoreboard;

import java.util.List;

/**
 * What the scoreboard template lays out: one row per scenario and judge, every cell already
 * formatted here, so that the template holds no logic.
 */
public record ScoreboardView(List<Row> rows) {

  /** One run: the scenario, who judged it on what, a cell per metric, and how it ended. */
  public record Row(
      String scenario,
      String judge,
      String judgeModel,
      String datasetVersion,
      String model,
      List<String> metrics,
      String outcome,
      String errors,
      String runId,
      String finished) {}
}
