package io.butlerbench.pilot.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenAI-compatible fine-tuning API: upload the training file ({@code POST /v1/files}, purpose
 * {@code fine-tune}), create the job ({@code POST /v1/fine_tuning/jobs}), read it ({@code GET
 * /v1/fine_tuning/jobs/{id}}).
 */
public class OpenAiFineTuning implements TrainingProvider {
  private final String baseUrl;
  private final Optional<String> apiKey;
  private final ObjectMapper json;
  private final Duration timeout;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public OpenAiFineTuning(String baseUrl, Optional<String> apiKey, ObjectMapper json) {
    this(baseUrl, apiKey, json, Duration.ofSeconds(60));
  }

  /** {@code timeout}: how long one request may wait for its answer (shorter in tests). */
  OpenAiFineTuning(String baseUrl, Optional<String> apiKey, ObjectMapper json, Duration timeout) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.apiKey = apiKey.filter(key -> !key.isBlank());
    this.json = json;
    this.timeout = timeout;
  }

  /** A job as the provider reports it; {@code error} is the provider's reason when it failed. */
  public record Job(String id, String status, String fineTunedModel, String error) {
    public boolean succeeded() {
      return "succeeded".equals(status);
    }

    public boolean failed() {
      return "failed".equals(status) || "cancelled".equals(status);
    }
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
  public org.bson.Document submit(
      org.bson.Document pilot, java.util.function.Supplier<InputStream> trainingFile)
      throws IOException, InterruptedException {
    Optional<JsonNode> earlier = earlierJob(pilot.getString("_id"));
    if (earlier.isPresent()) {
      return recorded(job(earlier.get()), earlier.get().path("training_file").asText(null));
    }
    org.bson.Document training = pilot.get("training", org.bson.Document.class);
    String fileId;
    try (InputStream file = trainingFile.get()) {
      fileId = uploadTrainingFile(pilot.getString("_id") + ".jsonl", file);
    }
    ObjectNode request = json.createObjectNode();
    request.put("model", pilot.getString("baseline_model"));
    request.put("training_file", fileId);
    request.put("suffix", pilot.getString("candidate_name"));
    request.put("seed", training.get("seed", Number.class).longValue());
    request
        .putObject("hyperparameters")
        .put("n_epochs", training.getInteger("epochs"))
        .put("batch_size", training.getInteger("batch_size"));
    // the API has no field for these: they travel as metadata, recorded with the job
    request
        .putObject("metadata")
        .put("pilot_id", pilot.getString("_id"))
        .put("learning_rate", String.valueOf(training.get("learning_rate")))
        .put("optimizer", training.getString("optimizer"))
        .put("max_input_tokens", String.valueOf(training.get("max_input_tokens")));
    return recorded(createJob(request), fileId);
  }

  private org.bson.Document recorded(Job job, String fileId) {
    return new org.bson.Document("provider", name())
        .append("job_id", job.id())
        .append("file_id", fileId)
        .append("status", job.status());
  }

  /**
   * The job of this pilot the provider lists, unless it failed or was cancelled. Filtered here as
   * well: a provider that does not know the metadata filter lists every job, newest first.
   */
  private Optional<JsonNode> earlierJob(String pilotId) throws IOException, InterruptedException {
    JsonNode jobs =
        send(
            request(
                    "/v1/fine_tuning/jobs?metadata%5Bpilot_id%5D="
                        + URLEncoder.encode(pilotId, StandardCharsets.UTF_8))
                .GET());
    if (!jobs.path("data").isArray()) {
      throw new IOException("fine-tuning API listed its jobs without a data array");
    }
    for (JsonNode job : jobs.path("data")) {
      if (pilotId.equals(job.path("metadata").path("pilot_id").asText()) && !job(job).failed()) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /**
   * Uploads {@code jsonl} as multipart form data, streamed as it is read (chunked: its length is
   * not known beforehand), so that the file is never held in memory. The stream is sent once.
   */
  public String uploadTrainingFile(String fileName, InputStream jsonl)
      throws IOException, InterruptedException {
    String boundary = "butler-bench-" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    AtomicBoolean sent = new AtomicBoolean();
    JsonNode file =
        send(
            request("/v1/files")
                // a body of unknown length goes out in chunks; an h2c upgrade cannot carry it
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> {
                          if (sent.getAndSet(true)) {
                            throw new IllegalStateException(
                                "the training file is streamed once and cannot be sent again");
                          }
                          return new SequenceInputStream(
                              Collections.enumeration(
                                  List.of(
                                      new ByteArrayInputStream(head),
                                      jsonl,
                                      new ByteArrayInputStream(tail))));
                        })));
    String id = file.path("id").asText("");
    if (id.isBlank()) {
      throw new IOException("fine-tuning API answered the upload without a file id");
    }
    return id;
  }

  public Job createJob(ObjectNode job) throws IOException, InterruptedException {
    return job(
        send(
            request("/v1/fine_tuning/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(job)))));
  }

  public Job job(String id) throws IOException, InterruptedException {
    return job(send(request("/v1/fine_tuning/jobs/" + id).GET()));
  }

  private Job job(JsonNode job) throws IOException {
    // a job without an id cannot be followed: the answer is garbled, whatever its status code
    if (job.path("id").asText("").isBlank()) {
      throw new IOException("fine-tuning API answered without a job id");
    }
    JsonNode error = job.path("error");
    String reason =
        error.isObject() && error.hasNonNull("message") ? error.path("message").asText() : null;
    return new Job(
        job.path("id").asText(),
        job.path("status").asText(),
        job.path("fine_tuned_model").asText(null),
        reason);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return request;
  }

  private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // which call failed, and how: a refused connection comes without a message
      throw new IOException(
          "fine-tuning API "
              + request.method()
              + " "
              + request.uri().getPath()
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "fine-tuning API answered HTTP "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return json.readTree(response.body());
  }
}
