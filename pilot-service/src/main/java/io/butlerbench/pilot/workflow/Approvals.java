package io.butlerbench.pilot.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two sign-offs training needs: the ML lead and the operations owner, each once, each a
 * different person from the initiator (and from each other).
 */
public final class Approvals {
  public enum Role {
    ML_LEAD,
    OPERATIONS_OWNER
  }

  /** One sign-off, with an optional comment. */
  public record Approval(Role role, String person, String comment, Instant at) {}

  private final String initiator;
  private final List<Approval> given = new ArrayList<>();

  public Approvals(String initiator, List<Approval> given) {
    this.initiator = initiator;
    this.given.addAll(given);
  }

  /** Records an approval or says which rule it breaks. */
  public Approval approve(Role role, String person, String comment, Instant at) {
    if (person == null || person.isBlank()) {
      throw new IllegalArgumentException("the approver must be named");
    }
    if (person.equals(initiator)) {
      throw new IllegalArgumentException(person + " initiated this pilot and cannot approve it");
    }
    for (Approval approval : given) {
      if (approval.role() == role) {
        throw new IllegalArgumentException(
            role + " has already approved (" + approval.person() + ")");
      }
      if (approval.person().equals(person)) {
        throw new IllegalArgumentException(person + " has already approved as " + approval.role());
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
