package io.butlerbench.pilot.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.butlerbench.pilot.workflow.PilotState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A pilot as the API answers it: what it was created with, where it stands, and what each step
 * recorded. A step not taken yet leaves its field out.
 */
@Schema(name = "Pilot")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PilotView(
    String pilotId,
    String scenario,
    String datasetId,
    String datasetVersion,
    String baselineModel,
    String candidateName,
    Training training,
    String initiator,
    String gitCommit,
    PilotState state,
    List<Approval> approvals,
    Instant createdAt,
    Instant updatedAt,
    Validation validation,
    Claim claim,
    ReleasedClaim releasedClaim,
    RunResult baselineRun,
    RunResult evaluationRun,
    Job job,
    String trainedModel,
    Decision decision,
    Instant promotedAt,
    Rejection rejection,
    Rollback rollback,
    @Schema(description = "Why the pilot failed") String failure) {

  /** The training configuration recorded at creation. */
  @Schema(name = "TrainingConfig")
  public record Training(
      Integer epochs,
      Integer batchSize,
      Double learningRate,
      String optimizer,
      Long seed,
      Integer maxInputTokens) {}

  /** A sign-off; {@code comment} is left out when none was given. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Approval(String role, String person, String comment, Instant at) {}

  /** What the dataset check found: schema errors and personal data (the first ones listed). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Validation(
      Long recordsScanned,
      Long schemaInvalid,
      List<PersonalData> personalData,
      Long personalDataTotal,
      Boolean personalDataTruncated,
      String datasetChecksum,
      Boolean passed,
      Instant at) {}

  /** One personal-data finding, masked. */
  public record PersonalData(
      String sampleId, String field, String kind, Integer offset, String masked) {}

  /**
   * The step under way (an intermediate state): who claimed the pilot when, and what the step
   * needs; for a baseline or evaluation run, the run asked for and its start attempts.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Claim(
      String id,
      String action,
      String from,
      String by,
      Instant at,
      String provider,
      String reason,
      String judge,
      String candidateModel,
      String model,
      Instant requestedAt,
      Integer attempts,
      Instant attemptAt,
      StartError startError,
      String runId,
      Instant runStartedAt) {}

  /** A transient error of the last start attempt of a run, retried by the run poller. */
  public record StartError(String reason, Instant at) {}

  /** A claim given up, undone: the pilot went back to where it came from, for this reason. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReleasedClaim(String action, String reason, Instant at, String runId) {}

  /**
   * A benchmark run of the pilot: the summary of a completed one (baseline, evaluation, recovery),
   * a recovery run still pending ({@code pending}, its start attempts), or one that could not be
   * had ({@code error}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RunResult(
      String runId,
      String model,
      String scenario,
      String datasetId,
      String datasetVersion,
      String judge,
      String judgeModel,
      String promptVersion,
      String status,
      String outcome,
      Double errorShare,
      Long errors,
      Map<String, Double> metrics,
      Boolean pending,
      String candidateModel,
      Instant requestedAt,
      Integer attempts,
      Instant attemptAt,
      StartError startError,
      Instant runStartedAt,
      String error,
      Instant at) {}

  /** The training job with its provider. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Job(
      String provider,
      String jobId,
      String fileId,
      String status,
      String trainingFile,
      Instant submittedAt,
      String trainedModel) {}

  /** The rule's proposal, every check behind it, and the person's confirmed decision. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Decision(
      String proposal,
      String decidedByRule,
      List<String> checks,
      Boolean go,
      String by,
      String reason,
      List<SampleRead> samplesRead,
      Boolean overridesRule,
      Boolean overridable,
      Instant at) {}

  /**
   * A sample the decider read, with when the benchmark served it to them; {@code read_at} is left
   * out for a decision taken before reads were recorded.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SampleRead(String sampleId, Instant readAt) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public SampleRead {}

    /** A sample only named, by a decision taken before reads were recorded. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SampleRead named(String sampleId) {
      return new SampleRead(sampleId, null);
    }
  }

  public record Rejection(String by, String reason) {}

  /** Who rolled back and why, and the run that confirms the recovery. */
  public record Rollback(String by, String reason, RunResult recoveryRun) {}
}
