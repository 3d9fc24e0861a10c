package io.butlerbench.benchmark.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.service.problem.UpstreamException;
import jakarta.ws.rs.NotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Published dataset versions through the exporter's REST API ({@link ExporterClient}): manifests,
 * and NDJSON record streams read one line at a time as they arrive; no file system is shared.
 */
public class ExporterDatasets implements DatasetSource {
  private final ExporterClient exporter;
  private final ObjectReader records;
  private final Duration idleTimeout;

  /** {@code idleTimeout}: how long a record stream may send nothing before its read fails. */
  public ExporterDatasets(ExporterClient exporter, ObjectMapper json, Duration idleTimeout) {
    this.exporter = exporter;
    this.records = json.readerFor(DatasetRecord.class);
    this.idleTimeout = idleTimeout;
  }

  @Override
  public Optional<Version> latest(String datasetId) {
    return manifest(() -> exporter.latest(datasetId));
  }

  @Override
  public Optional<Version> version(String datasetId, String version) {
    return manifest(() -> exporter.version(datasetId, version));
  }

  /**
   * Hands each non-blank line of the version's records, parsed, to {@code records}. A failure is an
   * {@link UpstreamException}: a timed-out one (504) when the stream went silent for the idle time.
   */
  @Override
  public void forEachRecord(Version version, Consumer<DatasetRecord> consumer) {
    String source =
        "the exporter's records of " + version.datasetId() + " version " + version.version();
    InputStream body;
    try {
      body = exporter.records(version.datasetId(), version.version());
    } catch (RuntimeException e) {
      throw new UpstreamException(source, unavailable(e));
    }
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new IdleDeadlineReader(body, source, idleTimeout), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          consumer.accept(records.readValue(line));
        }
      }
    } catch (IOException e) {
      throw new UpstreamException(source, e);
    }
  }

  @Override
  public boolean reachable() {
    try {
      exporter.live();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A manifest, or empty on a 404; any other failure is an {@link UncheckedIOException}. */
  private static Optional<Version> manifest(Supplier<DatasetManifest> call) {
    try {
      DatasetManifest manifest = call.get();
      return Optional.of(
          new Version(manifest.datasetId(), manifest.version(), manifest.recordCount()));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(unavailable(e));
    }
  }

  /**
   * What went wrong with a call, as an I/O failure: the exporter's own answer, or the fault
   * tolerance that gave up on it (timed out, circuit open), or the connection.
   */
  private static IOException unavailable(RuntimeException e) {
    if (e instanceof ExporterClient.ExporterFailure || e instanceof FaultToleranceException) {
      return new IOException(e.getMessage(), e);
    }
    return new IOException("the exporter cannot be reached: " + e.getMessage(), e);
  }
}
