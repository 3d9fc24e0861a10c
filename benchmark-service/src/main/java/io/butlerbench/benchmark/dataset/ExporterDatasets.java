package io.butlerbench.benchmark.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** The exporter's REST API: manifests and NDJSON record streams; no file system is shared. */
public class ExporterDatasets implements DatasetSource {
  private final String baseUrl;
  private final String token;
  private final HttpClient http;
  private final ObjectMapper json;

  public ExporterDatasets(String baseUrl, String token, ObjectMapper json) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.token = token;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public Optional<Version> latest(String datasetId) {
    return manifest("/datasets/" + encode(datasetId) + "/latest");
  }

  @Override
  public Optional<Version> version(String datasetId, String version) {
    return manifest("/datasets/" + encode(datasetId) + "/versions/" + encode(version));
  }

  @Override
  public void forEachRecord(Version version, Consumer<JsonNode> records) {
    HttpRequest request =
        get("/datasets/"
                + encode(version.datasetId())
                + "/versions/"
                + encode(version.version())
                + "/records")
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
      throw new IllegalStateException("interrupted while reading records", e);
    }
  }

  @Override
  public boolean reachable() {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/live"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<Version> manifest(String path) {
    try {
      HttpResponse<byte[]> response =
          http.send(get(path).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new IOException("exporter answered HTTP " + response.statusCode() + " for " + path);
      }
      JsonNode manifest = json.readTree(response.body());
      return Optional.of(
          new Version(
              manifest.path("dataset_id").asText(),
              manifest.path("version").asText(),
              manifest.path("record_count").asLong()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the exporter", e);
    }
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .GET();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
