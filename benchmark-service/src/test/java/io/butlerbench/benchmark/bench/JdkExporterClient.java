package io.butlerbench.benchmark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.benchmark.dataset.ExporterClient;
import io.butlerbench.contracts.dataset.DatasetManifest;
import jakarta.enterprise.inject.Vetoed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The exporter's API outside Quarkus, for the throughput benchmark, which runs the runner as plain
 * Java: the REST client is generated at build time and needs the application. What is measured (the
 * runner, and reading and parsing the NDJSON stream in {@code ExporterDatasets}) is the same.
 *
 * <p>Vetoed: Quarkus would otherwise take an implementation of a REST client interface for a bean.
 */
@Vetoed
final class JdkExporterClient implements ExporterClient {
  private final String baseUrl;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newHttpClient();

  JdkExporterClient(String baseUrl, ObjectMapper json) {
    this.baseUrl = baseUrl;
    this.json = json;
  }

  @Override
  public DatasetManifest latest(String datasetId) {
    return manifest("/datasets/" + datasetId + "/latest");
  }

  @Override
  public DatasetManifest version(String datasetId, String version) {
    return manifest("/datasets/" + datasetId + "/versions/" + version);
  }

  @Override
  public InputStream records(String datasetId, String version) {
    return get("/datasets/" + datasetId + "/versions/" + version + "/records").body();
  }

  @Override
  public void live() {
    get("/q/health/live");
  }

  private DatasetManifest manifest(String path) {
    try (InputStream body = get(path).body()) {
      return json.readValue(body, DatasetManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<InputStream> get(String path) {
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new ExporterFailure(baseUrl + path + " answered HTTP " + response.statusCode());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
