package io.butlerbench.pilot.workflow;

import io.butlerbench.service.security.Roles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two sign-offs training needs: the ML lead and the operations owner, each once, each a
 * different person from the initiator, and from each other: a person holds one role per pilot.
 * People are the subjects of their signed tokens, compared exactly.
 */
public final class Approvals {
  public enum Role {
    ML_LEAD(Roles.ML_LEAD),
    OPERATIONS_OWNER(Roles.OPERATIONS_OWNER);

    private final String tokenRole;

    Role(String tokenRole) {
      this.tokenRole = tokenRole;
    }

    /** The role a token must carry to sign as this role. */
    public String tokenRole() {
      return tokenRole;
    }
  }

  /** One sign-off, with an optional comment. */
  public record Approval(Role role, String person, String comment, Instant at) {}

  /** An approval a rule refuses; {@link #rule()} names the rule. */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** No approver: the request carried no subject. */
    public static final String APPROVER_REQUIRED = "approver-required";

    /** The initiator approving their own pilot. */
    public static final String INITIATOR = "initiator-cannot-approve";

    /** The role has its approval already (by this person or another). */
    public static final String ROLE_TAKEN = "role-already-approved";

    /** This person approved in the other role already. */
    public static final String ONE_ROLE_PER_PERSON = "one-role-per-person";

    private final String rule;

    Refused(String rule, String detail) {
      super(detail);
      this.rule = rule;
    }

    public String rule() {
      return rule;
    }
  }

  private final String initiator;
  private final List<Approval> given = new ArrayList<>();

  public Approvals(String initiator, List<Approval> given) {
    this.initiator = initiator;
    this.given.addAll(given);
  }

  /** Records an approval or says which rule it breaks ({@link Refused}). */
  public Approval approve(Role role, String person, String comment, Instant at) {
    if (person == null || person.isBlank()) {
      throw new Refused(Refused.APPROVER_REQUIRED, "the approver must be named");
    }
    if (person.equals(initiator)) {
      throw new Refused(Refused.INITIATOR, person + " initiated this pilot and cannot approve it");
    }
    for (Approval approval : given) {
      if (approval.role() == role) {
        throw new Refused(
            Refused.ROLE_TAKEN, role + " has already approved (" + approval.person() + ")");
      }
      if (approval.person().equals(person)) {
        throw new Refused(
            Refused.ONE_ROLE_PER_PERSON,
            person
                + " has already approved as "
                + approval.role()
                + "; a person holds one role per pilot, so "
                + role
                + " must be someone else");
      }
    }
    Approval approval = new Approval(role, person, comment, at);
    given.add(approval);
    return approval;
  }

  public boolean complete() {
    return given.stream().map(Approval::role).distinct().count() == Role.values().length;
  }

  public List<Approval> given() {
    return List.copyOf(given);
  }
}
