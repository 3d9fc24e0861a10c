package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** The exporter and benchmark services as the pilot uses them, over REST with the shared token. */
public class Services {
  private final String exporter;
  private final String benchmark;
  private final String token;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Services(String exporterUrl, String benchmarkUrl, String token, ObjectMapper json) {
    this.exporter = exporterUrl.replaceAll("/+$", "");
    this.benchmark = benchmarkUrl.replaceAll("/+$", "");
    this.token = token;
    this.json = json;
  }

  /** An answer: status and JSON body (null when the body is not JSON). */
  public record Answer(int status, JsonNode body) {}

  public Answer datasetManifest(String datasetId, String version) {
    String path =
        version == null
            ? "/datasets/" + datasetId + "/latest"
            : "/datasets/" + datasetId + "/versions/" + version;
    return send(HttpRequest.newBuilder(URI.create(exporter + path)).GET());
  }

  public Answer validateDataset(String datasetId, String version) {
    return post(
        exporter + "/validations",
        json.createObjectNode().put("dataset_id", datasetId).put("version", version));
  }

  public void forEachRecord(String datasetId, String version, Consumer<JsonNode> records) {
    HttpRequest request =
        authorised(
                HttpRequest.newBuilder(
                        URI.create(
                            exporter
                                + "/datasets/"
                                + datasetId
                                + "/versions/"
                                + version
                                + "/records"))
                    .GET())
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        if (response.statusCode() != 200) {
          throw new IOException(
              "exporter answered HTTP " + response.statusCode() + " for the records");
        }
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.isBlank()) {
            records.accept(json.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public Answer startRun(JsonNode request) {
    return post(benchmark + "/runs", request);
  }

  public Answer run(String runId) {
    return send(HttpRequest.newBuilder(URI.create(benchmark + "/runs/" + runId)).GET());
  }

  public boolean reachable(String which) {
    String base = which.equals("exporter") ? exporter : benchmark;
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(base + "/q/health/live"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Answer post(String url, JsonNode body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder authorised(HttpRequest.Builder request) {
    return request.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(authorised(request).build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body;
      try {
        body = json.readTree(response.body());
      } catch (IOException notJson) {
        body = null;
      }
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
