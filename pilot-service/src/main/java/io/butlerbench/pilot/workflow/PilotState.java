package io.butlerbench.pilot.workflow;

/**
 * Where a pilot stands. REJECTED, ROLLED_BACK and FAILED are final; PROMOTED can roll back.
 * SUBMITTING, PROMOTING and ROLLING_BACK are intermediate: a step with side effects (a paid
 * training job, an alias move) claimed the pilot and is under way; only that step, or the recovery
 * of a step that died, moves the pilot on from them. BASELINE_RUNNING and EVALUATING are
 * intermediate too: the pilot waits for the benchmark run it started, and the run poller moves it
 * on once the run ended (to BASELINE_RECORDED or EVALUATED, or back to where it came from).
 */
public enum PilotState {
  DRAFT,
  VALIDATED,
  BASELINE_RECORDED,
  APPROVED,
  TRAINING,
  TRAINED,
  EVALUATED,
  DECIDED,
  PROMOTED,
  REJECTED,
  ROLLED_BACK,
  FAILED,
  SUBMITTING,
  PROMOTING,
  ROLLING_BACK,
  BASELINE_RUNNING,
  EVALUATING
}
