package io.butlerbench.pilot.workflow;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Pilots ({@code pilots}) and their append-only audit trail ({@code pilot_audit}). Every change is
 * one conditional update on what the change was judged against (the state it came from, the claim
 * it holds, the approvals it saw), so two concurrent actions cannot both move the same pilot and
 * none overwrites another's write. The audit entry follows a successful update.
 */
public class PilotStore {
  private final MongoCollection<Document> pilots;
  private final MongoCollection<Document> audit;

  public PilotStore(MongoDatabase database) {
    this.pilots = database.getCollection("pilots");
    this.audit = database.getCollection("pilot_audit");
  }

  public void create(Document pilot, String actor, Instant at) {
    pilots.insertOne(pilot);
    record(
        pilot.getString("_id"),
        actor,
        "CREATE",
        null,
        pilot.getString("state"),
        new Document(),
        at);
  }

  public Optional<Document> find(String id) {
    return Optional.ofNullable(pilots.find(Filters.eq("_id", id)).first());
  }

  public List<Document> latest(int limit) {
    return pilots.find().sort(Sorts.descending("created_at")).limit(limit).into(new ArrayList<>());
  }

  public List<Document> inState(PilotState state) {
    return pilots.find(Filters.eq("state", state.name())).into(new ArrayList<>());
  }

  public long count(PilotState state) {
    return pilots.countDocuments(Filters.eq("state", state.name()));
  }

  /**
   * Applies {@code changes} and moves the pilot from {@code from} to {@code to}, then appends the
   * audit entry. Returns false when the pilot was no longer in {@code from}.
   */
  public boolean transition(
      String id,
      PilotState from,
      PilotState to,
      PilotAction action,
      String actor,
      Document changes,
      Instant at) {
    return update(
        Filters.and(Filters.eq("_id", id), Filters.eq("state", from.name())),
        new Document("$set", stateChange(changes, to, at)),
        id,
        from,
        to,
        action,
        actor,
        changes,
        at);
  }

  /**
   * Claims the pilot for a step with side effects: moves it from {@code from} to the intermediate
   * state {@code claimed} and records {@code claim} (its {@code id}, who, when, and what the step
   * needs to be finished or undone by someone else). False when another request moved it first.
   */
  public boolean claim(
      String id,
      PilotState from,
      PilotState claimed,
      PilotAction action,
      String actor,
      Document claim,
      Instant at) {
    return transition(id, from, claimed, action, actor, new Document("claim", claim), at);
  }

  /**
   * Ends the claim {@code claimId}: moves the pilot from {@code claimed} to {@code to} (the step's
   * result, or back where it came from) with {@code changes}, and drops the claim. False when the
   * claim is no longer held: recovery took it over meanwhile.
   */
  public boolean settle(
      String id,
      PilotState claimed,
      String claimId,
      PilotState to,
      PilotAction action,
      String actor,
      Document changes,
      Instant at) {
    return update(
        Filters.and(
            Filters.eq("_id", id),
            Filters.eq("state", claimed.name()),
            Filters.eq("claim.id", claimId)),
        new Document("$set", stateChange(changes, to, at))
            .append("$unset", new Document("claim", "")),
        id,
        claimed,
        to,
        action,
        actor,
        changes,
        at);
  }

  /**
   * Appends one approval in one conditional update: only while the pilot is still in {@code from}
   * with exactly the {@code given} approvals it was judged against, and neither the role nor the
   * person has approved. The approval that completes the set moves the pilot to {@code to} in the
   * same update; otherwise {@code to} is {@code from}. False when anything changed since the read.
   */
  public boolean appendApproval(
      String id,
      PilotState from,
      PilotState to,
      int given,
      Document approval,
      String actor,
      Instant at) {
    Bson filter =
        Filters.and(
            Filters.eq("_id", id),
            Filters.eq("state", from.name()),
            Filters.size("approvals", given),
            Filters.ne("approvals.role", approval.getString("role")),
            Filters.ne("approvals.person", approval.getString("person")));
    Document update =
        new Document("$set", stateChange(new Document(), to, at))
            .append("$push", new Document("approvals", approval));
    return update(
        filter,
        update,
        id,
        from,
        to,
        PilotAction.APPROVE,
        actor,
        new Document("approval", approval),
        at);
  }

  /** Pilots that have sat in an intermediate state since before {@code before}. */
  public List<Document> claimedBefore(Instant before) {
    return pilots
        .find(
            Filters.and(
                Filters.in(
                    "state",
                    PilotState.SUBMITTING.name(),
                    PilotState.PROMOTING.name(),
                    PilotState.ROLLING_BACK.name()),
                Filters.lt("claim.at", Date.from(before))))
        .into(new ArrayList<>());
  }

  /**
   * Pilots waiting for a benchmark run: baseline or evaluation (BASELINE_RUNNING, EVALUATING) and
   * rolled-back pilots whose recovery run is pending.
   */
  public List<Document> waitingForRuns() {
    return pilots
        .find(
            Filters.or(
                Filters.in(
                    "state", PilotState.BASELINE_RUNNING.name(), PilotState.EVALUATING.name()),
                Filters.and(
                    Filters.eq("state", PilotState.ROLLED_BACK.name()),
                    Filters.eq(PendingRun.RECOVERY + ".pending", true))))
        .into(new ArrayList<>());
  }

  /**
   * Takes the next attempt at starting {@code run}, whose last attempt met a transient error: one
   * conditional update on the attempt read, so that of two pollers only one asks the benchmark
   * service again. Bookkeeping, not audited.
   */
  boolean takeStartAttempt(PendingRun run, Instant at) {
    return pilots
            .updateOne(
                Filters.and(run.asRead(), Filters.exists(run.field("start_error"))),
                new Document(
                        "$set",
                        new Document(run.field("attempts"), run.attempts() + 1)
                            .append(run.field("attempt_at"), Date.from(at)))
                    .append("$unset", new Document(run.field("start_error"), "")))
            .getMatchedCount()
        == 1;
  }

  /** Records that the current start attempt of {@code run} met a transient error; not audited. */
  boolean startFailed(PendingRun run, String reason, Instant at) {
    return pilots
            .updateOne(
                run.asRead(),
                new Document(
                    "$set",
                    new Document(
                        run.field("start_error"),
                        new Document("reason", reason).append("at", Date.from(at)))))
            .getMatchedCount()
        == 1;
  }

  /**
   * Records the benchmark's id of the run the current attempt started, while the pilot still waits
   * for that attempt; audited. False when the pilot gave the run up meanwhile.
   */
  boolean runStarted(PendingRun run, String runId, String actor, Instant at) {
    Document started =
        new Document(run.field("run_id"), runId).append(run.field("run_started_at"), Date.from(at));
    return update(
        run.asRead(),
        new Document("$set", new Document(started).append("updated_at", Date.from(at))),
        run.id(),
        run.state(),
        run.state(),
        run.action(),
        actor,
        new Document("run_id", runId).append("attempt", run.attempts()),
        at);
  }

  /**
   * Replaces the pending recovery run of a rolled-back pilot by its result (the run's summary, or
   * its error), only while the run is as read; audited. False when another poller recorded it.
   */
  boolean recoveryRunEnded(PendingRun run, Document result, String actor, Instant at) {
    return update(
        run.asRead(),
        new Document(
            "$set", new Document(PendingRun.RECOVERY, result).append("updated_at", Date.from(at))),
        run.id(),
        run.state(),
        run.state(),
        run.action(),
        actor,
        new Document("recovery_run", result),
        at);
  }

  /**
   * Changes that keep the state (blocked validation findings), audited too; only while the pilot is
   * still in {@code state}, so that a late write never lands on a pilot that moved on.
   */
  public boolean amend(
      String id, PilotState state, PilotAction action, String actor, Document changes, Instant at) {
    return transition(id, state, state, action, actor, changes, at);
  }

  public List<Document> audit(String id) {
    return audit
        .find(Filters.eq("pilot_id", id))
        .sort(Sorts.ascending("at"))
        .into(new ArrayList<>());
  }

  private boolean update(
      Bson filter,
      Document update,
      String id,
      PilotState from,
      PilotState to,
      PilotAction action,
      String actor,
      Document details,
      Instant at) {
    // matched, not modified: the condition held, even for a change that rewrites equal values
    boolean moved = pilots.updateOne(filter, update).getMatchedCount() == 1;
    if (moved) {
      record(id, actor, action.name(), from.name(), to.name(), details, at);
    }
    return moved;
  }

  private static Document stateChange(Document changes, PilotState to, Instant at) {
    return new Document(changes).append("state", to.name()).append("updated_at", Date.from(at));
  }

  private void record(
      String id,
      String actor,
      String action,
      String from,
      String to,
      Document details,
      Instant at) {
    audit.insertOne(
        new Document("_id", "audit-" + UUID.randomUUID())
            .append("pilot_id", id)
            .append("at", Date.from(at))
            .append("actor", actor)
            .append("action", action)
            .append("from", from)
            .append("to", to)
            .append("details", details));
  }
}
