package io.butlerbench.pilot.workflow;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The pilot's explicit state machine. An action outside {@link #allowed} is refused (409 with the
 * state and the allowed actions); the caller never guesses. An action with side effects outside
 * MongoDB first claims the pilot by moving it to an intermediate state ({@link #claim}), so that of
 * two concurrent requests only one performs them. Baseline and evaluation claim the pilot while
 * their benchmark run goes on ({@link #waitsForRun}).
 */
public final class Workflow {
  private static final Map<PilotState, Map<PilotAction, PilotState>> NEXT =
      new EnumMap<>(PilotState.class);
  private static final Map<PilotAction, PilotState> CLAIMS = new EnumMap<>(PilotAction.class);

  static {
    on(PilotState.DRAFT, PilotAction.VALIDATE, PilotState.VALIDATED);
    on(PilotState.VALIDATED, PilotAction.RECORD_BASELINE, PilotState.BASELINE_RECORDED);
    // the second approval moves the pilot on; the first leaves it waiting
    on(PilotState.BASELINE_RECORDED, PilotAction.APPROVE, PilotState.APPROVED);
    on(PilotState.APPROVED, PilotAction.START_TRAINING, PilotState.TRAINING);
    on(PilotState.TRAINING, PilotAction.COMPLETE_TRAINING, PilotState.TRAINED);
    on(PilotState.TRAINED, PilotAction.EVALUATE, PilotState.EVALUATED);
    on(PilotState.EVALUATED, PilotAction.DECIDE, PilotState.DECIDED);
    on(PilotState.DECIDED, PilotAction.PROMOTE, PilotState.PROMOTED);
    on(PilotState.DECIDED, PilotAction.REJECT, PilotState.REJECTED);
    on(PilotState.PROMOTED, PilotAction.ROLL_BACK, PilotState.ROLLED_BACK);
    for (PilotState state : EnumSet.range(PilotState.DRAFT, PilotState.DECIDED)) {
      on(state, PilotAction.FAIL, PilotState.FAILED);
    }
    // submitting pays for a job, promotion and rollback move aliases others deploy from
    CLAIMS.put(PilotAction.START_TRAINING, PilotState.SUBMITTING);
    // a benchmark run costs judge and generation calls: one per claim, followed by the run poller
    CLAIMS.put(PilotAction.RECORD_BASELINE, PilotState.BASELINE_RUNNING);
    CLAIMS.put(PilotAction.EVALUATE, PilotState.EVALUATING);
    CLAIMS.put(PilotAction.PROMOTE, PilotState.PROMOTING);
    CLAIMS.put(PilotAction.ROLL_BACK, PilotState.ROLLING_BACK);
  }

  private Workflow() {}

  private static void on(PilotState from, PilotAction action, PilotState to) {
    NEXT.computeIfAbsent(from, state -> new EnumMap<>(PilotAction.class)).put(action, to);
  }

  public static Set<PilotAction> allowed(PilotState state) {
    Map<PilotAction, PilotState> actions = NEXT.get(state);
    return actions == null ? EnumSet.noneOf(PilotAction.class) : EnumSet.copyOf(actions.keySet());
  }

  public static boolean isFinal(PilotState state) {
    return allowed(state).isEmpty() && !isIntermediate(state);
  }

  /** A state that says a step is under way: no request may act on the pilot meanwhile. */
  public static boolean isIntermediate(PilotState state) {
    return CLAIMS.containsValue(state);
  }

  /**
   * A state in which the pilot waits for a benchmark run it started (the run poller follows it).
   */
  public static boolean waitsForRun(PilotState state) {
    return state == PilotState.BASELINE_RUNNING || state == PilotState.EVALUATING;
  }

  /**
   * The intermediate state {@code action} claims the pilot with, or a refusal when the action is
   * not allowed in {@code state}. Only actions with side effects outside MongoDB claim.
   */
  public static PilotState claim(PilotState state, PilotAction action) {
    next(state, action);
    PilotState claimed = CLAIMS.get(action);
    if (claimed == null) {
      throw new IllegalArgumentException(action + " has no side effects to claim the pilot for");
    }
    return claimed;
  }

  /** The state after {@code action}, or a refusal naming what is allowed. */
  public static PilotState next(PilotState state, PilotAction action) {
    PilotState next = NEXT.getOrDefault(state, Map.of()).get(action);
    if (next == null) {
      throw new ActionRefusedException(state, action, allowed(state));
    }
    return next;
  }

  /** An action the current state does not allow. */
  public static final class ActionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final PilotState state;
    private final transient Set<PilotAction> allowed;

    ActionRefusedException(PilotState state, PilotAction action, Set<PilotAction> allowed) {
      super(action + " is not allowed in state " + state + "; allowed: " + allowed);
      this.state = state;
      this.allowed = allowed;
    }

    public PilotState state() {
      return state;
    }

    public Set<PilotAction> allowed() {
      return allowed;
    }
  }
}
