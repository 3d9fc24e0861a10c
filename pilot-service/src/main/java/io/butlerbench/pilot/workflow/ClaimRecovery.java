package io.butlerbench.pilot.workflow;

import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.service.logging.WorkLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Settles claims whose step died: a pilot that has sat in SUBMITTING, PROMOTING or ROLLING_BACK
 * longer than the claim timeout (longer than any live step takes) was left there by a process that
 * stopped mid-step. What the step did before it stopped decides, so that nothing is done twice and
 * nothing half-done is left:
 *
 * <ul>
 *   <li>SUBMITTING with the {@code external} provider: nothing was created anywhere, the pilot goes
 *       back to APPROVED and training may be asked for again. With {@code openai}: the provider may
 *       or may not hold a paid job, and submitting again could pay twice, so the pilot FAILS with a
 *       reason that says where to look.
 *   <li>PROMOTING: if champion was moved for this pilot, the promotion is finished (challenger
 *       moved unless done, then PROMOTED); otherwise nothing was visible yet and the pilot goes
 *       back to DECIDED.
 *   <li>ROLLING_BACK: if champion was moved back for this pilot, the recovery run is started and
 *       the pilot ROLLED_BACK; otherwise it goes back to PROMOTED.
 * </ul>
 *
 * Every settlement is conditional on the claim it found, so a recovery never acts on a pilot that a
 * live request has moved or claimed again meanwhile.
 */
public class ClaimRecovery {
  private static final Logger LOG = Logger.getLogger(ClaimRecovery.class);
  public static final String ACTOR = "claim-recovery";

  private final PilotStore store;
  private final AliasStore aliases;
  private final PilotService pilots;
  private final Transitions transitions;
  private final Duration claimTimeout;
  private final Clock clock;

  public ClaimRecovery(
      PilotStore store,
      AliasStore aliases,
      PilotService pilots,
      Duration claimTimeout,
      Clock clock) {
    this.store = store;
    this.aliases = aliases;
    this.pilots = pilots;
    this.transitions = pilots.transitions();
    this.claimTimeout = claimTimeout;
    this.clock = clock;
  }

  /** One round over the stale claims; returns how many were settled. */
  public int recoverOnce() {
    int settled = 0;
    for (Document pilot : store.claimedBefore(clock.instant().minus(claimTimeout))) {
      Object previous = WorkLog.enter(WorkLog.PILOT_ID, pilot.getString("_id"));
      try {
        Document after = recover(pilot);
        LOG.warnf(
            "pilot %s was left in %s by a step that stopped; now %s",
            pilot.getString("_id"), pilot.getString("state"), after.getString("state"));
        settled++;
      } catch (RuntimeException e) {
        // one pilot that cannot be settled now (a live request won, MongoDB or the benchmark
        // service away) must not keep the others waiting; the next round tries again
        LOG.warnf(
            "could not recover pilot %s from %s (will retry): %s",
            pilot.getString("_id"), pilot.getString("state"), e.getMessage());
      } finally {
        WorkLog.leave(WorkLog.PILOT_ID, previous);
      }
    }
    return settled;
  }

  private Document recover(Document pilot) {
    Document claim = pilot.get("claim", Document.class);
    String id = pilot.getString("_id");
    String scenario = pilot.getString("scenario");
    String stopped =
        "the service stopped during "
            + claim.getString("action")
            + " (claimed by "
            + claim.getString("by")
            + " at "
            + claim.get("at", Date.class).toInstant()
            + ")";
    return switch (PilotState.valueOf(pilot.getString("state"))) {
      case SUBMITTING ->
          "external".equals(claim.getString("provider"))
              ? transitions.release(
                  pilot, ACTOR, stopped + "; the external provider creates nothing: ask again")
              : transitions.settle(
                  pilot,
                  PilotAction.FAIL,
                  PilotState.FAILED,
                  ACTOR,
                  new Document(
                      "failure",
                      stopped
                          + "; the "
                          + claim.getString("provider")
                          + " provider may hold a job of this pilot (metadata pilot_id "
                          + id
                          + "): cancel it there, and start a new pilot"));
      case PROMOTING ->
          aliases.moved(scenario, AliasStore.CHAMPION, id, PilotAction.PROMOTE.name())
              ? pilots.finishPromotion(pilot, ACTOR)
              : transitions.release(pilot, ACTOR, stopped + "; no alias was moved: promote again");
      case ROLLING_BACK ->
          aliases.moved(scenario, AliasStore.CHAMPION, id, PilotAction.ROLL_BACK.name())
              ? pilots.finishRollback(pilot, ACTOR)
              : transitions.release(
                  pilot, ACTOR, stopped + "; no alias was moved: roll back again");
      default -> throw new IllegalStateException("not a claimed state: " + pilot.get("state"));
    };
  }
}
