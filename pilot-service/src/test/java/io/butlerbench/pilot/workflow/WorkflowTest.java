package io.butlerbench.pilot.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowTest {

  @Test
  void theHappyPathWalksEveryState() {
    PilotState state = PilotState.DRAFT;
    List<PilotAction> path =
        List.of(
            PilotAction.VALIDATE,
            PilotAction.RECORD_BASELINE,
            PilotAction.APPROVE,
            PilotAction.START_TRAINING,
            PilotAction.COMPLETE_TRAINING,
            PilotAction.EVALUATE,
            PilotAction.DECIDE,
            PilotAction.PROMOTE,
            PilotAction.ROLL_BACK);
    List<PilotState> expected =
        List.of(
            PilotState.VALIDATED,
            PilotState.BASELINE_RECORDED,
            PilotState.APPROVED,
            PilotState.TRAINING,
            PilotState.TRAINED,
            PilotState.EVALUATED,
            PilotState.DECIDED,
            PilotState.PROMOTED,
            PilotState.ROLLED_BACK);
    for (int i = 0; i < path.size(); i++) {
      state = Workflow.next(state, path.get(i));
      assertEquals(expected.get(i), state);
    }
    assertTrue(Workflow.isFinal(state));
    assertEquals(PilotState.REJECTED, Workflow.next(PilotState.DECIDED, PilotAction.REJECT));
  }

  @Test
  void everyActionOutsideItsStatesIsRefusedWithTheAllowedOnes() {
    int refused = 0;
    for (PilotState state : PilotState.values()) {
      Set<PilotAction> allowed = Workflow.allowed(state);
      for (PilotAction action : PilotAction.values()) {
        if (allowed.contains(action)) {
          Workflow.next(state, action);
          continue;
        }
        Workflow.ActionRefusedException refusal =
            assertThrows(Workflow.ActionRefusedException.class, () -> Workflow.next(state, action));
        assertEquals(state, refusal.state());
        assertEquals(allowed, refusal.allowed());
        refused++;
      }
    }
    assertTrue(refused > 100, "refusals checked: " + refused);
  }

  @Test
  void anyUnfinishedPilotCanFailAndFinishedOnesCannot() {
    for (PilotState state : EnumSet.range(PilotState.DRAFT, PilotState.DECIDED)) {
      assertEquals(PilotState.FAILED, Workflow.next(state, PilotAction.FAIL));
    }
    for (PilotState state :
        EnumSet.of(PilotState.REJECTED, PilotState.ROLLED_BACK, PilotState.FAILED)) {
      assertTrue(Workflow.allowed(state).isEmpty());
    }
    assertEquals(Set.of(PilotAction.ROLL_BACK), Workflow.allowed(PilotState.PROMOTED));
    assertFalse(Workflow.isFinal(PilotState.PROMOTED));
  }

  @Test
  void approvalsNeedTwoOtherPeopleOnceEach() {
    Approvals approvals = new Approvals("ml-engineer", List.of());
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    Approvals.Refused self =
        assertThrows(
            Approvals.Refused.class,
            () -> approvals.approve(Approvals.Role.ML_LEAD, "ml-engineer", null, now));
    assertTrue(self.getMessage().contains("cannot approve"));
    assertEquals("initiator-cannot-approve", self.rule());
    approvals.approve(Approvals.Role.ML_LEAD, "ml-lead", "Датасет проверен", now);
    assertFalse(approvals.complete());
    assertEquals(
        "role-already-approved",
        assertThrows(
                Approvals.Refused.class,
                () -> approvals.approve(Approvals.Role.ML_LEAD, "other-lead", null, now))
            .rule());
    assertEquals(
        "one-role-per-person",
        assertThrows(
                Approvals.Refused.class,
                () -> approvals.approve(Approvals.Role.OPERATIONS_OWNER, "ml-lead", null, now))
            .rule());
    approvals.approve(Approvals.Role.OPERATIONS_OWNER, "ops-owner", "Окно релиза согласовано", now);
    assertTrue(approvals.complete());
    assertEquals("Датасет проверен", approvals.given().get(0).comment());
  }

  @Test
  void stepsWithSideEffectsClaimThePilotInAnIntermediateStateFirst() {
    assertEquals(
        PilotState.SUBMITTING, Workflow.claim(PilotState.APPROVED, PilotAction.START_TRAINING));
    assertEquals(PilotState.PROMOTING, Workflow.claim(PilotState.DECIDED, PilotAction.PROMOTE));
    assertEquals(
        PilotState.ROLLING_BACK, Workflow.claim(PilotState.PROMOTED, PilotAction.ROLL_BACK));
    assertThrows(
        Workflow.ActionRefusedException.class,
        () -> Workflow.claim(PilotState.TRAINING, PilotAction.START_TRAINING));
    assertThrows(
        IllegalArgumentException.class,
        () -> Workflow.claim(PilotState.DECIDED, PilotAction.REJECT));
    // baseline and evaluation claim the pilot while their benchmark run goes on
    assertEquals(
        PilotState.BASELINE_RUNNING,
        Workflow.claim(PilotState.VALIDATED, PilotAction.RECORD_BASELINE));
    assertEquals(PilotState.EVALUATING, Workflow.claim(PilotState.TRAINED, PilotAction.EVALUATE));
    assertTrue(Workflow.waitsForRun(PilotState.BASELINE_RUNNING));
    assertTrue(Workflow.waitsForRun(PilotState.EVALUATING));
    assertFalse(Workflow.waitsForRun(PilotState.SUBMITTING));
    for (PilotState claimed :
        EnumSet.of(
            PilotState.SUBMITTING,
            PilotState.PROMOTING,
            PilotState.ROLLING_BACK,
            PilotState.BASELINE_RUNNING,
            PilotState.EVALUATING)) {
      assertTrue(Workflow.isIntermediate(claimed));
      // no request acts on a pilot mid-step, not even FAIL; yet the pilot is not finished
      assertTrue(Workflow.allowed(claimed).isEmpty());
      assertFalse(Workflow.isFinal(claimed));
    }
  }
}
