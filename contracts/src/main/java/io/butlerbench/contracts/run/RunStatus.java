package io.butlerbench.contracts.run;

/**
 * Where a benchmark run is in its life: QUEUED, then RUNNING, then COMPLETED (with an outcome) or
 * FAILED; INTERRUPTED and FAILED runs can be resumed.
 */
public enum RunStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  INTERRUPTED
}
