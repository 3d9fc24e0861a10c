package io.butlerbench.exporter.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.contracts.dataset.DatasetManifest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads published versions: manifests, and records streamed part after part, decompressed. The
 * manifest contract is registered here because Jackson reads and writes it outside REST signatures
 * (from and to disk, and unwrapped into the export's answer). Records travel as the JSON lines they
 * were published as, so {@code DatasetRecord} needs no registration in this service.
 */
@RegisterForReflection(
    targets = {
      DatasetManifest.class,
      DatasetManifest.Filters.class,
      DatasetManifest.Part.class,
      DatasetManifest.Validation.class
    })
public class DatasetReader {
  private final DatasetStore store;
  private final ObjectMapper json;

  public DatasetReader(DatasetStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  public Optional<DatasetManifest> manifest(String datasetId, String version) {
    return read(() -> store.manifest(datasetId, version), DatasetManifest.class);
  }

  public Optional<ValidationReport> validationReport(String datasetId, String version) {
    return read(() -> store.validationReport(datasetId, version), ValidationReport.class);
  }

  /** Hands every record line (without its newline), in published order, to {@code lines}. */
  public void forEachRecord(DatasetManifest manifest, Consumer<String> lines) {
    for (DatasetManifest.Part part : manifest.parts()) {
      try (InputStream stored =
              store
                  .part(manifest.datasetId(), manifest.version(), part.name())
                  .orElseThrow(() -> new IOException("part missing: " + part.name()));
          BufferedReader reader =
              new BufferedReader(
                  new InputStreamReader(
                      new GZIPInputStream(stored, 16 * 1024), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.accept(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A JSON file of a version, if the version exists. */
  private interface StoredFile {
    Optional<byte[]> bytes() throws IOException;
  }

  private <T> Optional<T> read(StoredFile file, Class<T> type) {
    try {
      Optional<byte[]> bytes = file.bytes();
      return bytes.isEmpty() ? Optional.empty() : Optional.of(json.readValue(bytes.get(), type));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
