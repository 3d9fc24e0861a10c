package io.butlerbench.pilot.workflow;

import io.butlerbench.pilot.alias.AliasStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Promotion (champion to the trained model, challenger to the baseline model) and rollback
 * (champion back to the baseline model, confirmed by a recovery run). Both claim the pilot first,
 * so that a request racing them either wins before any alias moves or is refused.
 */
final class Promotion {
  private final AliasStore aliases;
  private final AliasMoves moves;
  private final Transitions transitions;
  private final RunSteps runSteps;
  private final BenchmarkRuns runs;
  private final Clock clock;

  Promotion(
      AliasStore aliases,
      AliasMoves moves,
      Transitions transitions,
      RunSteps runSteps,
      BenchmarkRuns runs,
      Clock clock) {
    this.aliases = aliases;
    this.moves = moves;
    this.transitions = transitions;
    this.runSteps = runSteps;
    this.runs = runs;
    this.clock = clock;
  }

  /**
   * Moves champion to the trained model and challenger to the baseline model, after claiming the
   * pilot (PROMOTING): a rejection racing the promotion either wins before any alias moves or is
   * refused.
   */
  Document promote(String id, String actor, String reason) {
    Document pilot = transitions.load(id);
    Workflow.claim(Steps.state(pilot), PilotAction.PROMOTE);
    Document decision = pilot.get("decision", Document.class);
    if (decision == null || !decision.getBoolean("go")) {
      throw new Workflow.ActionRefusedException(
          Steps.state(pilot), PilotAction.PROMOTE, java.util.Set.of(PilotAction.REJECT));
    }
    Steps.requireText(reason, "reason");
    return finishPromotion(
        transitions.claim(pilot, PilotAction.PROMOTE, actor, new Document("reason", reason)),
        actor);
  }

  /**
   * The alias moves of a claimed promotion, each at most once per pilot (recovery may finish a
   * promotion that died half-way), then PROMOTED.
   */
  Document finishPromotion(Document claimed, String actor) {
    Document claim = claimed.get("claim", Document.class);
    Instant now = clock.instant();
    moves.moveOnce(claimed, AliasStore.CHAMPION, claimed.getString("trained_model"), claim, now);
    moves.moveOnce(claimed, AliasStore.CHALLENGER, claimed.getString("baseline_model"), claim, now);
    return transitions.settle(
        claimed,
        PilotAction.PROMOTE,
        PilotState.PROMOTED,
        actor,
        new Document("promoted_at", Date.from(now)));
  }

  /**
   * Points {@code champion} back to the baseline model, only while it still names this pilot's
   * model (409 otherwise: a newer promotion is not undone by rolling back an older one), and starts
   * a run to confirm recovery.
   */
  Document rollBack(String id, String actor, String reason, String judge) {
    Steps.requireText(reason, "reason");
    Document pilot = transitions.load(id);
    Workflow.claim(Steps.state(pilot), PilotAction.ROLL_BACK);
    Document claimed =
        transitions.claim(
            pilot,
            PilotAction.ROLL_BACK,
            actor,
            new Document("reason", reason).append("judge", judge));
    String scenario = claimed.getString("scenario");
    String trained = claimed.getString("trained_model");
    Optional<Document> moved =
        aliases.moveIf(
            new AliasStore.Move(
                scenario,
                AliasStore.CHAMPION,
                claimed.getString("baseline_model"),
                actor,
                reason,
                id,
                PilotAction.ROLL_BACK.name(),
                AliasMoves.runIds(claimed),
                clock.instant()),
            current ->
                id.equals(current.getString("pilot_id"))
                    && trained.equals(current.getString("model")));
    if (moved.isEmpty()) {
      Document current = aliases.latest(scenario, AliasStore.CHAMPION).orElseGet(Document::new);
      String detail =
          "champion of "
              + scenario
              + " now names "
              + current.getString("model")
              + " (pilot "
              + current.getString("pilot_id")
              + "), not this pilot's "
              + trained
              + ": rolling back would overwrite a newer choice; nothing was changed";
      transitions.release(claimed, actor, detail);
      throw new PilotConflictException(PilotState.PROMOTED, "champion-moved", detail);
    }
    moves.changed(scenario, AliasStore.CHAMPION);
    return finishRollback(claimed, actor);
  }

  /**
   * Settles a claimed rollback whose alias move is done (ROLLED_BACK: champion names the baseline
   * model again), with its recovery run pending, then starts that run; the run poller records it
   * once it ended. The pilot is settled before the run is asked for, so a process that dies between
   * the two leaves a pending run without an id (given up after pilot.claim-timeout), never a second
   * run. A recovery run that cannot be had is recorded with its reason: the rollback happened and
   * an operator starts the run by hand.
   */
  Document finishRollback(Document claimed, String actor) {
    Document claim = claimed.get("claim", Document.class);
    Document recovery =
        runs.requested(
                runSteps.judgeFor(claimed, claim.getString("judge")),
                null,
                claimed.getString("baseline_model"))
            .append("pending", true);
    Document rolledBack =
        transitions.settle(
            claimed,
            PilotAction.ROLL_BACK,
            PilotState.ROLLED_BACK,
            actor,
            new Document(
                "rollback",
                new Document("by", claim.getString("by"))
                    .append("reason", claim.getString("reason"))
                    .append("recovery_run", recovery)));
    return runs.startRequested(rolledBack, actor);
  }
}
