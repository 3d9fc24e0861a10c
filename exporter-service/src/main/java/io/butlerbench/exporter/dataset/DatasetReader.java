package io.butlerbench.exporter.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Reads published versions: manifests, and records streamed part after part, decompressed. */
public class DatasetReader {
  private final DatasetStore store;
  private final ObjectMapper json;

  public DatasetReader(DatasetStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  public Optional<Manifest> manifest(String datasetId, String version) {
    try {
      Optional<byte[]> bytes = store.manifest(datasetId, version);
      return bytes.isEmpty()
          ? Optional.empty()
          : Optional.of(json.readValue(bytes.get(), Manifest.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hands every record line (without its newline), in published order, to {@code lines}. */
  public void forEachRecord(Manifest manifest, Consumer<String> lines) {
    for (Manifest.Part part : manifest.parts()) {
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
}
