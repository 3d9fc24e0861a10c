package io.butlerbench.pilot.workflow;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /pilots}. The initiator is not part of it: it is the subject of the token
 * that creates the pilot.
 */
@RegisterForReflection
public record PilotRequest(
    String scenario,
    String datasetVersion,
    String baselineModel,
    String candidateName,
    Training training) {

  /** The training configuration recorded with the pilot (defaults of Stage 05_03). */
  @RegisterForReflection
  @Schema(name = "TrainingRequest")
  public record Training(
      Integer epochs,
      Integer batchSize,
      Double learningRate,
      String optimizer,
      Long seed,
      Integer maxInputTokens) {}
}
