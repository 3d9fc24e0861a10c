package io.butlerbench.pilot.workflow;

/**
 * A request the pilot's state refuses for a reason other than the action itself: the training file
 * of a pilot not yet validated and approved, a rollback whose alias another pilot has moved since.
 * Answered 409 naming the state and the rule.
 */
public final class PilotConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final PilotState state;
  private final String rule;

  public PilotConflictException(PilotState state, String rule, String detail) {
    super(detail);
    this.state = state;
    this.rule = rule;
  }

  public PilotState state() {
    return state;
  }

  public String rule() {
    return rule;
  }
}
