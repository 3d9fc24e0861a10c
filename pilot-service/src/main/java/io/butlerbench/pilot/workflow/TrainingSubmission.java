package io.butlerbench.pilot.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.pilot.clients.Services;
import io.butlerbench.pilot.training.TrainingFile;
import io.butlerbench.pilot.training.TrainingProvider;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.UpstreamException;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Training: submitting the job to a provider (claimed: the job is paid for), registering the model
 * it trained, and the training file it is trained on.
 */
final class TrainingSubmission {
  private final Services services;
  private final Transitions transitions;
  private final ObjectMapper json;
  private final Clock clock;
  private final Map<String, TrainingProvider> providers = new LinkedHashMap<>();
  private final String defaultProvider;

  TrainingSubmission(
      Services services,
      Transitions transitions,
      ObjectMapper json,
      Clock clock,
      List<TrainingProvider> providers) {
    providers.forEach(provider -> this.providers.put(provider.name(), provider));
    this.defaultProvider = this.providers.containsKey("openai") ? "openai" : "external";
    this.services = services;
    this.transitions = transitions;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Submits training to the named provider ({@code openai} when a fine-tuning API is configured,
   * else {@code external}, by default). An OpenAI job is then followed by {@link
   * io.butlerbench.pilot.training.TrainingPoller}; an external one waits for an operator.
   */
  Document startTraining(String id, String actor, String provider) {
    Document pilot = transitions.load(id);
    Workflow.claim(Steps.state(pilot), PilotAction.START_TRAINING);
    String chosen = provider == null ? defaultProvider : provider;
    TrainingProvider training = providers.get(chosen);
    if (training == null) {
      throw new InvalidRequestException(
          "provider",
          chosen.equals("openai") ? "unavailable" : "enum",
          "provider must be one of "
              + providers.keySet()
              + ", was '"
              + chosen
              + "'"
              + (chosen.equals("openai")
                  ? "; set FINE_TUNING_URL to use the fine-tuning API"
                  : ""));
    }
    // the job is paid for: only the request that claimed the pilot submits it
    Document claimed =
        transitions.claim(
            pilot, PilotAction.START_TRAINING, actor, new Document("provider", chosen));
    Document job;
    try {
      job = training.submit(claimed, () -> trainingFile(claimed));
    } catch (IOException e) {
      // the provider failed, not the request (502, 504 when it timed out); back to APPROVED, asking
      // again is safe: the provider looks for a job this attempt may have left before paying anew
      UpstreamException failed = new UpstreamException("the " + chosen + " provider", e);
      transitions.release(claimed, actor, failed.getMessage());
      throw failed;
    } catch (RuntimeException e) {
      // the exporter failing as the training file is opened is the exporter's 502, not the
      // provider's
      transitions.release(
          claimed, actor, "the " + chosen + " provider got no job: " + e.getMessage());
      throw e;
    }
    job.append("submitted_at", Date.from(clock.instant()));
    return transitions.settle(
        claimed, PilotAction.START_TRAINING, PilotState.TRAINING, actor, new Document("job", job));
  }

  Document registerTrainedModel(String id, String model, String actor) {
    Steps.requireText(model, "model");
    Document pilot = transitions.load(id);
    Workflow.next(Steps.state(pilot), PilotAction.COMPLETE_TRAINING);
    Document job =
        new Document(pilot.get("job", Document.class))
            .append("status", "succeeded")
            .append("trained_model", model);
    return transitions.move(
        pilot,
        PilotAction.COMPLETE_TRAINING,
        actor,
        new Document("job", job).append("trained_model", model));
  }

  /**
   * Chat-formatted JSONL for fine-tuning (source text in, the reference summary out), opened as a
   * stream: made from the dataset's records as they are read, one record in memory at a time. The
   * exporter is asked here, so that it failing is known before anything is sent; close the stream.
   */
  TrainingFile trainingFile(Document pilot) {
    return new TrainingFile(
        services.openRecords(pilot.getString("dataset_id"), pilot.getString("dataset_version")),
        json);
  }
}
