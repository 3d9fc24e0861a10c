package io.butlerbench.pilot.workflow;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /pilots}. */
@RegisterForReflection
public record PilotRequest(
    String scenario,
    String datasetVersion,
    String baselineModel,
    String candidateName,
    Training training,
    String initiator) {

  /** The training configuration recorded with the pilot (defaults of Stage 05_03). */
  @RegisterForReflection
  public record Training(
      Integer epochs,
      Integer batchSize,
      Double learningRate,
      String optimizer,
      Long seed,
      Integer maxInputTokens) {}
}
