package io.butlerbench.pilot.workflow;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A benchmark run a pilot waits for, where the pilot keeps it: the baseline or evaluation run on
 * the claim of a pilot in BASELINE_RUNNING or EVALUATING ({@code claim}), the recovery run of a
 * rolled-back pilot on its rollback ({@code rollback.recovery_run}, while {@code pending}). Either
 * holds what the run is asked with ({@code judge}, {@code candidate_model}, {@code model} whose
 * summaries it measures), when it was asked for ({@code requested_at}), the start attempts ({@code
 * attempts}, {@code attempt_at}, {@code start_error} when the last one met a transient error), and
 * once started the benchmark's {@code run_id}.
 *
 * @param pilot the pilot as read
 * @param path where the run is kept on the pilot
 * @param owner the condition that the pilot still waits for this run: same state, same claim
 * @param action the step the run belongs to
 */
record PendingRun(Document pilot, String path, Bson owner, PilotAction action) {
  static final String CLAIM = "claim";
  static final String RECOVERY = "rollback.recovery_run";

  /** The run {@code pilot} waits for, if it waits for one. */
  static Optional<PendingRun> of(Document pilot) {
    String id = pilot.getString("_id");
    PilotState state = PilotState.valueOf(pilot.getString("state"));
    if (Workflow.waitsForRun(state)) {
      Document claim = pilot.get("claim", Document.class);
      return Optional.of(
          new PendingRun(
              pilot,
              CLAIM,
              Filters.and(
                  Filters.eq("_id", id),
                  Filters.eq("state", state.name()),
                  Filters.eq("claim.id", claim.getString("id"))),
              PilotAction.valueOf(claim.getString("action"))));
    }
    Document rollback = pilot.get("rollback", Document.class);
    Document recovery = rollback == null ? null : rollback.get("recovery_run", Document.class);
    if (state == PilotState.ROLLED_BACK
        && recovery != null
        && Boolean.TRUE.equals(recovery.getBoolean("pending"))) {
      return Optional.of(
          new PendingRun(
              pilot,
              RECOVERY,
              Filters.and(
                  Filters.eq("_id", id),
                  Filters.eq("state", state.name()),
                  Filters.eq(RECOVERY + ".pending", true)),
              PilotAction.ROLL_BACK));
    }
    return Optional.empty();
  }

  String id() {
    return pilot.getString("_id");
  }

  PilotState state() {
    return PilotState.valueOf(pilot.getString("state"));
  }

  boolean isRecovery() {
    return path.equals(RECOVERY);
  }

  /** The run's fields as the pilot keeps them. */
  Document run() {
    return isRecovery()
        ? pilot.get("rollback", Document.class).get("recovery_run", Document.class)
        : pilot.get("claim", Document.class);
  }

  String runId() {
    return run().getString("run_id");
  }

  int attempts() {
    Number attempts = run().get("attempts", Number.class);
    return attempts == null ? 1 : attempts.intValue();
  }

  Instant attemptAt() {
    Date at = run().getDate("attempt_at");
    return at == null ? requestedAt() : at.toInstant();
  }

  /** When the step asked for the run (the claim's time when not recorded; never: long ago). */
  Instant requestedAt() {
    Date at = run().getDate("requested_at");
    if (at == null) {
      at = run().getDate("at");
    }
    return at == null ? Instant.EPOCH : at.toInstant();
  }

  /** The transient error of the last start attempt, when it met one. */
  Document startError() {
    return run().get("start_error", Document.class);
  }

  /** {@code field} of the run, as a path on the pilot. */
  String field(String field) {
    return path + "." + field;
  }

  /**
   * The condition that the run is still as read: the pilot waits for it, with the same attempt and
   * the same run id (or none yet).
   */
  Bson asRead() {
    return Filters.and(
        owner,
        Filters.eq(field("attempts"), attempts()),
        runId() == null
            ? Filters.exists(field("run_id"), false)
            : Filters.eq(field("run_id"), runId()));
  }
}
