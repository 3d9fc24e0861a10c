package io.butlerbench.pilot.workflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * Every state change of a pilot: a plain move, a claim for a step with side effects, and the
 * settling of that claim (finished, or released back to where it came from). Each is one
 * conditional update in {@link PilotStore}; one that loses to a concurrent request is refused
 * against the state that request left, and each that lands is counted in {@code
 * pilot_transitions_total}.
 */
final class Transitions {
  private final PilotStore store;
  private final Clock clock;
  private final MeterRegistry meters;

  Transitions(PilotStore store, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.clock = clock;
    this.meters = meters;
  }

  Document load(String id) {
    return store
        .find(id)
        .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No pilot '" + id + "'"));
  }

  Document move(Document pilot, PilotAction action, String actor, Document changes) {
    PilotState from = state(pilot);
    PilotState to = Workflow.next(from, action);
    if (!store.transition(
        pilot.getString("_id"), from, to, action, actor, changes, clock.instant())) {
      throw refusedNow(pilot.getString("_id"), action);
    }
    counted(action, to);
    return load(pilot.getString("_id"));
  }

  /**
   * Claims the pilot for {@code action}: one conditional update to the action's intermediate state,
   * recording who, when and what the step needs ({@code details}) so that recovery can finish or
   * undo it. Of concurrent requests one claims; the others are refused.
   */
  Document claim(Document pilot, PilotAction action, String actor, Document details) {
    PilotState from = state(pilot);
    PilotState claimed = Workflow.claim(from, action);
    Instant now = clock.instant();
    Document claim =
        new Document("id", UUID.randomUUID().toString())
            .append("action", action.name())
            .append("from", from.name())
            .append("by", actor)
            .append("at", Date.from(now));
    claim.putAll(details);
    String id = pilot.getString("_id");
    if (!store.claim(id, from, claimed, action, actor, claim, now)) {
      throw refusedNow(id, action);
    }
    counted(action, claimed);
    return load(id);
  }

  /** Ends a claim by moving the pilot on to {@code to}, as long as the claim is still held. */
  Document settle(
      Document claimed, PilotAction action, PilotState to, String actor, Document changes) {
    return trySettle(claimed, action, to, actor, changes)
        .orElseThrow(
            () ->
                // the step outlived pilot.claim-timeout and recovery took the pilot over: say what
                // this step did, so that nothing it caused (a job, an alias move) goes unrecorded
                new PilotConflictException(
                    state(load(claimed.getString("_id"))),
                    "claim-lost",
                    action
                        + " ran longer than the claim lasts and was taken over by recovery; its"
                        + " result was not recorded: "
                        + changes.toJson()));
  }

  /**
   * Ends a claim like {@link #settle}; empty when the claim is no longer held (another instance
   * settled it first), for callers to whom that is no news, such as the run poller.
   */
  Optional<Document> trySettle(
      Document claimed, PilotAction action, PilotState to, String actor, Document changes) {
    String id = claimed.getString("_id");
    Document claim = claimed.get("claim", Document.class);
    if (!store.settle(
        id, state(claimed), claim.getString("id"), to, action, actor, changes, clock.instant())) {
      return Optional.empty();
    }
    counted(action, to);
    return Optional.of(load(id));
  }

  /** Gives a claim up, undone: the pilot goes back to where the claim found it. */
  Document release(Document claimed, String actor, String reason) {
    Document claim = claimed.get("claim", Document.class);
    return settle(
        claimed,
        PilotAction.valueOf(claim.getString("action")),
        PilotState.valueOf(claim.getString("from")),
        actor,
        released(claim, reason));
  }

  /** Gives a claim up like {@link #release}; empty when the claim is no longer held. */
  Optional<Document> tryRelease(Document claimed, String actor, String reason) {
    Document claim = claimed.get("claim", Document.class);
    return trySettle(
        claimed,
        PilotAction.valueOf(claim.getString("action")),
        PilotState.valueOf(claim.getString("from")),
        actor,
        released(claim, reason));
  }

  private Document released(Document claim, String reason) {
    Document released =
        new Document("action", claim.getString("action"))
            .append("reason", reason)
            .append("at", Date.from(clock.instant()));
    if (claim.getString("run_id") != null) {
      // the benchmark run the claim waited for, to look at or resume there
      released.append("run_id", claim.getString("run_id"));
    }
    return new Document("released_claim", released);
  }

  /** Another request moved the pilot meanwhile: refuse against its real state. */
  Workflow.ActionRefusedException refusedNow(String id, PilotAction action) {
    PilotState now = state(load(id));
    return new Workflow.ActionRefusedException(now, action, Workflow.allowed(now));
  }

  void counted(PilotAction action, PilotState to) {
    Counter.builder("pilot.transitions")
        .tag("action", action.name())
        .tag("to", to.name())
        .register(meters)
        .increment();
  }

  private static PilotState state(Document pilot) {
    return PilotState.valueOf(pilot.getString("state"));
  }
}
