package io.butlerbench.pilot.workflow;

import io.butlerbench.service.problem.InvalidRequestException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The two sign-offs a pilot needs before training, and the release of its training file once
 * validated and approved.
 */
public final class SignOffs {
  private final Transitions transitions;
  private final PilotStore store;
  private final Clock clock;

  SignOffs(PilotStore store, Transitions transitions, Clock clock) {
    this.store = store;
    this.transitions = transitions;
    this.clock = clock;
  }

  /** The role an approval is given in, as its body names it: 400 unless one of the two. */
  public static Approvals.Role approvalRole(String role) {
    try {
      return Approvals.Role.valueOf(role == null ? "" : role.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("role", "enum", "role must be ml_lead or operations_owner");
    }
  }

  /**
   * Appends one sign-off by {@code person} (the subject of their token) with one conditional
   * update; the one that completes the pair moves the pilot to APPROVED in the same update, so two
   * parallel approvals are both kept. The initiator approving, or a person approving in a second
   * role, is a 409 naming the rule; a role approved already is a 400.
   */
  Document approve(String id, Approvals.Role role, String person, String comment) {
    // a lost update means another approval or a state change landed after the read: this approval
    // is judged again against what is there now (a taken role is then a 400, the same person in
    // the other role or a moved state a 409); at most two approvals and one state change can land,
    // so the loop ends
    while (true) {
      Document pilot = transitions.load(id);
      PilotState from = Steps.state(pilot);
      PilotState approved = Workflow.next(from, PilotAction.APPROVE);
      List<Approvals.Approval> given = approvalsOf(pilot);
      Approvals approvals = new Approvals(pilot.getString("initiator"), given);
      Approvals.Approval approval;
      try {
        approval = approvals.approve(role, person, comment, clock.instant());
      } catch (Approvals.Refused e) {
        if (e.rule().equals(Approvals.Refused.ROLE_TAKEN)) {
          throw new InvalidRequestException("role", e.rule(), e.getMessage());
        }
        throw new PilotConflictException(from, e.rule(), e.getMessage());
      }
      PilotState to = approvals.complete() ? approved : from;
      Document stored =
          new Document("role", approval.role().name())
              .append("person", approval.person())
              .append("comment", approval.comment())
              .append("at", Date.from(approval.at()));
      if (store.appendApproval(id, from, to, given.size(), stored, person, clock.instant())) {
        if (to != from) {
          transitions.counted(PilotAction.APPROVE, to);
        }
        return transitions.load(id);
      }
    }
  }

  /**
   * The pilot whose training file may leave the service: its validation passed (no schema error, no
   * personal data) and both roles approved it. 409 naming the state otherwise.
   */
  Document releasedForTraining(String id) {
    Document pilot = transitions.load(id);
    Document validation = pilot.get("validation", Document.class);
    boolean validated = validation != null && Boolean.TRUE.equals(validation.getBoolean("passed"));
    Approvals approvals = new Approvals(pilot.getString("initiator"), approvalsOf(pilot));
    if (!validated || !approvals.complete()) {
      throw new PilotConflictException(
          Steps.state(pilot),
          "validated-and-approved",
          "the training file is served only for a pilot whose validation passed and that both"
              + " roles approved; this one is "
              + Steps.state(pilot)
              + (validated
                  ? ""
                  : validation == null ? ", not validated" : ", its validation did not pass")
              + ", approved by "
              + (approvals.given().isEmpty()
                  ? "nobody"
                  : approvals.given().stream().map(a -> a.role().name()).toList()));
    }
    return pilot;
  }

  private static List<Approvals.Approval> approvalsOf(Document pilot) {
    List<Approvals.Approval> approvals = new ArrayList<>();
    for (Document approval : pilot.getList("approvals", Document.class, List.of())) {
      approvals.add(
          new Approvals.Approval(
              Approvals.Role.valueOf(approval.getString("role")),
              approval.getString("person"),
              approval.getString("comment"),
              approval.getDate("at").toInstant()));
    }
    return approvals;
  }
}
