package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.service.http.ServiceClient;
import io.butlerbench.service.problem.UpstreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The exporter and benchmark services as the pilot uses them, over REST with this service's own
 * token ({@link io.butlerbench.service.security.ServiceToken}), never a caller's.
 */
public class Services {
  private final ServiceClient exporter;
  private final ServiceClient benchmark;
  private final ObjectMapper json;

  public Services(
      String exporterUrl, String benchmarkUrl, Supplier<String> token, ObjectMapper json) {
    this.exporter = new ServiceClient(exporterUrl, token, json);
    this.benchmark = new ServiceClient(benchmarkUrl, token, json);
    this.json = json;
  }

  /** An answer: status and JSON body (null when the body is not JSON). */
  public record Answer(int status, JsonNode body) {}

  public Answer datasetManifest(String datasetId, String version) {
    String path =
        version == null
            ? "/datasets/" + segment(datasetId) + "/latest"
            : "/datasets/" + segment(datasetId) + "/versions/" + segment(version);
    return send(exporter, exporter.request(path).GET());
  }

  public Answer validateDataset(String datasetId, String version) {
    return post(
        exporter,
        "/validations",
        json.createObjectNode().put("dataset_id", datasetId).put("version", version));
  }

  public void forEachRecord(String datasetId, String version, Consumer<JsonNode> records) {
    exporter.forEachJsonLine(
        "/datasets/" + segment(datasetId) + "/versions/" + segment(version) + "/records", records);
  }

  /** The records of a dataset version, read one at a time as the exporter sends them. */
  public ServiceClient.JsonLines openRecords(String datasetId, String version) {
    return exporter.openJsonLines(
        "/datasets/" + segment(datasetId) + "/versions/" + segment(version) + "/records");
  }

  public Answer startRun(JsonNode request) {
    return post(benchmark, "/runs", request);
  }

  public Answer run(String runId) {
    return send(benchmark, benchmark.request("/runs/" + segment(runId)).GET());
  }

  /** A sample of a run the benchmark served to {@code subject}, and when. */
  public record Read(String sampleId, String subject, Instant at) {}

  /**
   * The samples of run {@code runId} that the benchmark served to {@code subject}, as it recorded
   * them ({@code GET /runs/{id}/reads?subject=}). Anything but a 200 with a list of reads is an
   * {@link UpstreamException} (502): who read what is never guessed.
   */
  public List<Read> samplesRead(String runId, String subject) {
    String path = "/runs/" + segment(runId) + "/reads?subject=" + segment(subject);
    Answer answer = send(benchmark, benchmark.request(path).GET());
    if (answer.status() != 200 || answer.body() == null || !answer.body().isArray()) {
      throw new UpstreamException(
          benchmark.baseUrl(),
          new IOException(
              "answered HTTP "
                  + answer.status()
                  + " when asked which samples of run "
                  + runId
                  + " were read"));
    }
    List<Read> reads = new ArrayList<>();
    for (JsonNode read : answer.body()) {
      String sample = read.path("sample_id").asText("");
      String reader = read.path("subject").asText("");
      try {
        reads.add(new Read(sample, reader, Instant.parse(read.path("read_at").asText(""))));
      } catch (DateTimeParseException e) {
        throw new UpstreamException(
            benchmark.baseUrl(),
            new IOException(
                "answered a read of run " + runId + " without a valid read_at: " + read, e));
      }
    }
    return reads;
  }

  public boolean reachable(String which) {
    return (which.equals("exporter") ? exporter : benchmark).live();
  }

  private Answer post(ServiceClient service, String path, JsonNode body) {
    try {
      return send(
          service,
          service
              .request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer send(ServiceClient service, HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          service.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body;
      try {
        body = json.readTree(response.body());
      } catch (IOException notJson) {
        body = null;
      }
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new UpstreamException(service.baseUrl(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * A value placed in a URL path or query: encoded, so it stays one segment (or one query value)
   * whatever it holds.
   */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
