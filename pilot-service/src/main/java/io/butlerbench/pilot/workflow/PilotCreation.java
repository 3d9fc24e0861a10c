package io.butlerbench.pilot.workflow;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.service.problem.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * Creating a pilot: the scenario's dataset version (checked with the exporter), the training
 * configuration within its limits, and the first audit entry.
 */
final class PilotCreation {
  /**
   * Limits of a training configuration: far above the pilot's (1 epoch, batch 4, 1,024 tokens), low
   * enough that a typo cannot order a job that runs for weeks.
   */
  static final int MAX_EPOCHS = 100;

  static final int MAX_BATCH_SIZE = 1024;
  static final int MAX_INPUT_TOKENS = 131_072;

  private final PilotStore store;
  private final Services services;
  private final Map<String, String> scenarioDatasets;
  private final String gitCommit;
  private final Clock clock;

  PilotCreation(
      PilotStore store,
      Services services,
      Map<String, String> scenarioDatasets,
      String gitCommit,
      Clock clock) {
    this.store = store;
    this.services = services;
    this.scenarioDatasets = Map.copyOf(scenarioDatasets);
    this.gitCommit = gitCommit;
    this.clock = clock;
  }

  /** A new pilot in DRAFT; {@code initiator} is who creates it (the subject of their token). */
  Document create(PilotRequest request, String initiator) {
    if (request == null || request.scenario() == null) {
      throw new InvalidRequestException(
          "scenario", "required", "scenario is required, one of " + scenarioDatasets.keySet());
    }
    String dataset = scenarioDatasets.get(request.scenario());
    if (dataset == null) {
      throw new InvalidRequestException(
          "scenario",
          "enum",
          "unknown scenario '" + request.scenario() + "'; known: " + scenarioDatasets.keySet());
    }
    Steps.requireText(request.candidateName(), "candidate_name");
    Steps.requireText(initiator, "initiator");
    PilotRequest.Training training =
        request.training() == null
            ? new PilotRequest.Training(null, null, null, null, null, null)
            : request.training();
    Document config =
        new Document("epochs", bounded(training.epochs(), 1, MAX_EPOCHS, "training.epochs"))
            .append(
                "batch_size",
                bounded(training.batchSize(), 4, MAX_BATCH_SIZE, "training.batch_size"))
            .append(
                "learning_rate", training.learningRate() == null ? 2e-5 : training.learningRate())
            .append("optimizer", training.optimizer() == null ? "AdamW" : training.optimizer())
            .append("seed", training.seed() == null ? 42L : training.seed())
            .append(
                "max_input_tokens",
                bounded(
                    training.maxInputTokens(),
                    1024,
                    MAX_INPUT_TOKENS,
                    "training.max_input_tokens"));
    if (config.getDouble("learning_rate") <= 0 || config.getDouble("learning_rate") >= 1) {
      throw new InvalidRequestException(
          "training.learning_rate", "range", "learning_rate must be within (0, 1)");
    }
    DatasetManifest manifest =
        manifest(services, dataset, request.datasetVersion(), "dataset_version");
    Instant now = clock.instant();
    String id = "pilot-" + UUID.randomUUID();
    Document pilot =
        new Document("_id", id)
            .append("pilot_id", id)
            .append("scenario", request.scenario())
            .append("dataset_id", dataset)
            .append("dataset_version", manifest.version())
            .append(
                "baseline_model",
                request.baselineModel() == null ? "qwen-7b" : request.baselineModel())
            .append("candidate_name", request.candidateName())
            .append("training", config)
            .append("initiator", initiator)
            .append("git_commit", gitCommit)
            .append("state", PilotState.DRAFT.name())
            .append("approvals", List.of())
            .append("created_at", Date.from(now));
    store.create(pilot, initiator, now);
    return pilot;
  }

  /** The manifest of a version the pilot names; a version the exporter does not have is a 400. */
  static DatasetManifest manifest(Services services, String dataset, String version, String field) {
    return services
        .manifest(dataset, version)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    field,
                    "exists",
                    "the exporter has no "
                        + (version == null ? "published version" : "version '" + version + "'")
                        + " of "
                        + dataset));
  }

  private static int bounded(Integer value, int fallback, int max, String field) {
    int chosen = value == null ? fallback : value;
    if (chosen < 1 || chosen > max) {
      throw new InvalidRequestException(
          field, "range", field + " must be within 1-" + max + ", was " + chosen);
    }
    return chosen;
  }
}
