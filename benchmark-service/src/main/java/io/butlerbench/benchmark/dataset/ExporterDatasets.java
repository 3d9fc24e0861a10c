package io.butlerbench.benchmark.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.service.http.ServiceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The exporter's REST API: manifests and NDJSON record streams; no file system is shared. */
public class ExporterDatasets implements DatasetSource {
  private final ServiceClient exporter;
  private final ObjectMapper json;

  /** {@code token}: this service's own token, asked for on every request (it may be rotated). */
  public ExporterDatasets(String baseUrl, Supplier<String> token, ObjectMapper json) {
    this.exporter = new ServiceClient(baseUrl, token, json);
    this.json = json;
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
    exporter.forEachJsonLine(
        "/datasets/"
            + encode(version.datasetId())
            + "/versions/"
            + encode(version.version())
            + "/records",
        records);
  }

  @Override
  public boolean reachable() {
    return exporter.live();
  }

  private Optional<Version> manifest(String path) {
    try {
      HttpResponse<byte[]> response =
          exporter
              .http()
              .send(exporter.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
