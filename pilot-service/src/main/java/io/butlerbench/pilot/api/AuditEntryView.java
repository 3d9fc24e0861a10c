package io.butlerbench.pilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of a pilot's audit trail: who did what when, the state it moved the pilot from and to,
 * and what the step recorded ({@code details}).
 */
@Schema(name = "AuditEntry")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntryView(
    String pilotId,
    Instant at,
    String actor,
    String action,
    String from,
    String to,
    Details details) {

  /**
   * What a step recorded: the pilot's fields it set (as {@link PilotView} names them), the approval
   * it added, or the benchmark run an attempt started ({@code run_id}, {@code attempt}).
   */
  @Schema(name = "AuditDetails")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Details(
      PilotView.Validation validation,
      PilotView.Claim claim,
      PilotView.ReleasedClaim releasedClaim,
      PilotView.RunResult baselineRun,
      PilotView.RunResult evaluationRun,
      PilotView.Job job,
      String trainedModel,
      PilotView.Decision decision,
      Instant promotedAt,
      PilotView.Rejection rejection,
      PilotView.Rollback rollback,
      String failure,
      PilotView.Approval approval,
      String runId,
      Integer attempt,
      PilotView.RunResult recoveryRun) {}
}
