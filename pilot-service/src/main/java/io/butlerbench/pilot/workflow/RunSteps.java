package io.butlerbench.pilot.workflow;

import org.bson.Document;

/**
 * The steps that wait for a benchmark run: the baseline and the evaluation claim the pilot and
 * start their run; the run poller ({@link BenchmarkRuns}) records it once it ended.
 */
final class RunSteps {
  private final Transitions transitions;
  private final BenchmarkRuns runs;
  private final String defaultJudge;

  RunSteps(Transitions transitions, BenchmarkRuns runs, String defaultJudge) {
    this.transitions = transitions;
    this.runs = runs;
    this.defaultJudge = defaultJudge;
  }

  /**
   * Claims the pilot (BASELINE_RUNNING), then starts the baseline run of the baseline model and
   * answers without waiting for it: the run poller records the baseline once the run completed
   * ({@link BenchmarkRuns}).
   */
  Document recordBaseline(String id, String actor, String judge) {
    Document pilot = transitions.load(id);
    Workflow.claim(Steps.state(pilot), PilotAction.RECORD_BASELINE);
    Document claimed =
        transitions.claim(
            pilot,
            PilotAction.RECORD_BASELINE,
            actor,
            runs.requested(judgeFor(pilot, judge), null, pilot.getString("baseline_model")));
    return runs.startRequested(claimed, actor);
  }

  /**
   * Claims the pilot (EVALUATING), then starts the evaluation run of the trained model and answers
   * without waiting for it; the run poller records the evaluation once the run completed.
   */
  Document evaluate(String id, String actor, String judge) {
    Document pilot = transitions.load(id);
    Workflow.claim(Steps.state(pilot), PilotAction.EVALUATE);
    String trained = pilot.getString("trained_model");
    Document claimed =
        transitions.claim(
            pilot,
            PilotAction.EVALUATE,
            actor,
            runs.requested(judgeFor(pilot, judge), trained, trained));
    return runs.startRequested(claimed, actor);
  }

  /**
   * The judge of a run: the one asked for, else the baseline's, so that the runs of a pilot are
   * judged alike unless someone asks otherwise (the decision rule then refuses to compare them).
   */
  String judgeFor(Document pilot, String requested) {
    if (requested != null) {
      return requested;
    }
    Document baseline = pilot.get("baseline_run", Document.class);
    String judge = baseline == null ? null : baseline.getString("judge");
    return judge == null ? defaultJudge : judge;
  }
}
