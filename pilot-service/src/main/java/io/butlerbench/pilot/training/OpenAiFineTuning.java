package io.butlerbench.pilot.training;

import io.butlerbench.pilot.clients.Upstream;
import io.butlerbench.pilot.clients.UpstreamAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * An OpenAI-compatible fine-tuning API ({@link FineTuningCalls}): upload the training file, create
 * the job, read it. Every failure of a call is an {@link IOException} naming the call (an {@link
 * java.net.http.HttpTimeoutException} when it did not answer in time).
 */
public class OpenAiFineTuning implements TrainingProvider {
  private final FineTuningCalls api;

  public OpenAiFineTuning(FineTuningCalls api) {
    this.api = api;
  }

  @Override
  public String name() {
    return "openai";
  }

  /**
   * Uploads the training file and creates the job on the pilot's baseline model, unless the
   * provider already holds a job of this pilot: an earlier submission whose answer was lost (it
   * timed out, or came back garbled) may have created one, and asking again must not pay twice.
   */
  @Override
  public Document submit(Document pilot, Supplier<InputStream> trainingFile) throws IOException {
    String pilotId = pilot.getString("_id");
    Optional<FineTuningJob> earlier = earlierJob(pilotId);
    if (earlier.isPresent()) {
      return recorded(earlier.get(), earlier.get().trainingFile());
    }
    Document training = pilot.get("training", Document.class);
    String fileId = upload(pilotId + ".jsonl", trainingFile);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("pilot_id", pilotId);
    metadata.put("learning_rate", String.valueOf(training.get("learning_rate")));
    metadata.put("optimizer", training.getString("optimizer"));
    metadata.put("max_input_tokens", String.valueOf(training.get("max_input_tokens")));
    FineTuningJob.Request request =
        new FineTuningJob.Request(
            pilot.getString("baseline_model"),
            fileId,
            pilot.getString("candidate_name"),
            training.get("seed", Number.class).longValue(),
            new FineTuningJob.Hyperparameters(
                training.getInteger("epochs"), training.getInteger("batch_size")),
            metadata);
    return recorded(
        followable(call("POST /v1/fine_tuning/jobs", () -> api.create(request))), fileId);
  }

  /** The job {@code id} as the provider reports it now. */
  public FineTuningJob job(String id) throws IOException {
    return followable(call("GET /v1/fine_tuning/jobs/" + id, () -> api.job(id)));
  }

  private Document recorded(FineTuningJob job, String fileId) {
    return new Document("provider", name())
        .append("job_id", job.id())
        .append("file_id", fileId)
        .append("status", job.status());
  }

  /**
   * The job of this pilot the provider lists, unless it failed or was cancelled. Filtered here as
   * well: a provider that does not know the metadata filter lists every job, newest first.
   */
  private Optional<FineTuningJob> earlierJob(String pilotId) throws IOException {
    FineTuningJob.Page jobs = call("GET /v1/fine_tuning/jobs", () -> api.jobsOf(pilotId));
    if (jobs == null || jobs.data() == null) {
      throw new IOException("fine-tuning API listed its jobs without a data array");
    }
    for (FineTuningJob job : jobs.data()) {
      if (job != null && job.of(pilotId) && !followable(job).failed()) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /** Uploads the training file as it is read; the stream is opened here and closed once sent. */
  private String upload(String fileName, Supplier<InputStream> trainingFile) throws IOException {
    TrainingFileUpload upload = new TrainingFileUpload();
    FineTuningJob.UploadedFile file;
    try (InputStream form = upload.form(fileName, trainingFile.get())) {
      file = call("POST /v1/files", () -> api.upload(upload.contentType(), form));
    }
    if (file == null || file.id() == null || file.id().isBlank()) {
      throw new IOException("fine-tuning API answered the upload without a file id");
    }
    return file.id();
  }

  /** A job without an id cannot be followed: the answer is garbled, whatever its status code. */
  private static FineTuningJob followable(FineTuningJob job) throws IOException {
    if (job == null || job.id() == null || job.id().isBlank()) {
      throw new IOException("fine-tuning API answered without a job id");
    }
    return job;
  }

  private static <T> T call(String call, Supplier<T> request) throws IOException {
    try {
      return request.get();
    } catch (UpstreamAnswer answer) {
      throw new IOException("fine-tuning API " + call + " " + answer.getMessage(), answer);
    } catch (RuntimeException e) {
      throw Upstream.asIoException("fine-tuning API " + call, e);
    }
  }
}
