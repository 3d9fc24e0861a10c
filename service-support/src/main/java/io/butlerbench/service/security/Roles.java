package io.butlerbench.service.security;

/**
 * The roles a token may carry (its {@code groups} claim), as endpoints declare them with
 * {@code @RolesAllowed}. docs/security.md has the table of who may do what.
 */
public final class Roles {
  /** Reads everything, changes nothing. */
  public static final String VIEWER = "viewer";

  /** Runs the pipeline: seeding, channels, exports, benchmark runs. */
  public static final String OPERATOR = "operator";

  /** Initiates a pilot and runs its steps (validation, baseline, training, evaluation). */
  public static final String ML_ENGINEER = "ml_engineer";

  /** Reviews a pilot: approves dataset and launch, decides go or no-go, blesses baselines. */
  public static final String ML_LEAD = "ml_lead";

  /** Approves observability, release window and rollback readiness; promotes and rolls back. */
  public static final String OPERATIONS_OWNER = "operations_owner";

  /** Another butler-bench service calling with its own token. */
  public static final String SERVICE = "service";

  private Roles() {}
}
