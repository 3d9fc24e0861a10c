package io.butlerbench.pilot.workflow;

/** What a person or the service does to a pilot; each is allowed in some states only. */
public enum PilotAction {
  VALIDATE,
  RECORD_BASELINE,
  APPROVE,
  START_TRAINING,
  COMPLETE_TRAINING,
  EVALUATE,
  DECIDE,
  PROMOTE,
  REJECT,
  ROLL_BACK,
  FAIL
}
