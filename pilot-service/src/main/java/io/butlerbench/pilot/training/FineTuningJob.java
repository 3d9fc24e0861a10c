package io.butlerbench.pilot.training;

import java.util.List;
import java.util.Map;

/**
 * A fine-tuning job as the provider reports it; {@code error} holds the provider's reason when it
 * failed, {@code metadata} what the pilot sent with it ({@code pilot_id} among them).
 */
public record FineTuningJob(
    String id,
    String status,
    String fineTunedModel,
    String trainingFile,
    Map<String, String> metadata,
    Error error) {

  public boolean succeeded() {
    return "succeeded".equals(status);
  }

  public boolean failed() {
    return "failed".equals(status) || "cancelled".equals(status);
  }

  /** The provider's reason, null when it gave none. */
  public String reason() {
    return error == null ? null : error.message();
  }

  /** Whether the provider lists this job as {@code pilotId}'s. */
  boolean of(String pilotId) {
    return metadata != null && pilotId.equals(metadata.get("pilot_id"));
  }

  public record Error(String code, String message) {}

  /** A page of jobs ({@code GET /v1/fine_tuning/jobs}). */
  public record Page(List<FineTuningJob> data) {}

  /** An uploaded file ({@code POST /v1/files}). */
  public record UploadedFile(String id) {}

  /**
   * A job to create on {@code model} from the uploaded {@code trainingFile}. The API has no field
   * for learning rate, optimizer and input limit: they travel as {@code metadata}, recorded with
   * the job, beside the {@code pilot_id} a lost answer is found again by.
   */
  public record Request(
      String model,
      String trainingFile,
      String suffix,
      long seed,
      Hyperparameters hyperparameters,
      Map<String, String> metadata) {}

  public record Hyperparameters(int nEpochs, int batchSize) {}
}
