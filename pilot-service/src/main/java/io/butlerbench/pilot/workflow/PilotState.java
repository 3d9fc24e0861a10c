package io.butlerbench.pilot.workflow;

/** Where a pilot stands. REJECTED, ROLLED_BACK and FAILED are final; PROMOTED can roll back. */
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
  FAILED
}
