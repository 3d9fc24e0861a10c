package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.contracts.run.RunSummary;
import io.butlerbench.service.problem.UpstreamException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The exporter and benchmark services as the pilot uses them, through their REST clients (which
 * carry this service's own token) and the fault tolerance of each call ({@link ExporterCalls},
 * {@link BenchmarkCalls}). A service away, slow or garbled is an {@link UpstreamException}; an
 * answer whose status the caller must judge is an {@link UpstreamAnswer}.
 */
public class Services {
  static final String EXPORTER = "the exporter";
  static final String BENCHMARK = "the benchmark service";

  private final ExporterCalls exporter;
  private final BenchmarkCalls benchmark;
  private final ObjectReader records;

  public Services(ExporterCalls exporter, BenchmarkCalls benchmark, ObjectMapper json) {
    this.exporter = exporter;
    this.benchmark = benchmark;
    this.records = TolerantJson.of(json).readerFor(DatasetRecord.class);
  }

  /** The manifest of {@code version} (the latest one when null); empty when there is none. */
  public Optional<DatasetManifest> manifest(String datasetId, String version) {
    try {
      return Optional.of(
          Upstream.call(
              EXPORTER,
              () ->
                  version == null
                      ? exporter.latest(datasetId)
                      : exporter.version(datasetId, version)));
    } catch (UpstreamAnswer answer) {
      if (answer.status() == 404) {
        return Optional.empty();
      }
      throw failed(EXPORTER, answer, "for " + datasetId);
    }
  }

  /** The exporter's schema check of one version. */
  public DatasetValidation validateDataset(String datasetId, String version) {
    DatasetValidation report;
    try {
      report =
          Upstream.call(
              EXPORTER, () -> exporter.validate(new DatasetValidation.Request(datasetId, version)));
    } catch (UpstreamAnswer answer) {
      throw failed(EXPORTER, answer, "validating " + datasetId + "/" + version);
    }
    if (report == null || report.invalid() == null) {
      throw new UpstreamException(
          EXPORTER,
          new IOException("it could not validate " + datasetId + "/" + version + ": no report"));
    }
    return report;
  }

  /**
   * The records of a dataset version, read one at a time as the exporter sends them. The exporter
   * is asked here: it failing (or answering anything but 200) is an {@link UpstreamException}
   * before anything was read.
   */
  public RecordStream openRecords(String datasetId, String version) {
    try {
      return new RecordStream(
          Upstream.call(EXPORTER, () -> exporter.records(datasetId, version)), records);
    } catch (UpstreamAnswer answer) {
      throw failed(EXPORTER, answer, "reading the records of " + datasetId + "/" + version);
    }
  }

  /** Hands every record of a dataset version to {@code each}, as it arrives. */
  public void forEachRecord(String datasetId, String version, Consumer<DatasetRecord> each) {
    try (RecordStream stream = openRecords(datasetId, version)) {
      for (DatasetRecord record = stream.next(); record != null; record = stream.next()) {
        each.accept(record);
      }
    } catch (IOException e) {
      throw new UpstreamException(EXPORTER, e);
    }
  }

  /**
   * Asks the benchmark for a run: the run as its 202 answers it. A refusal or a failure is an
   * {@link UpstreamAnswer} for the caller to judge.
   */
  public RestResponse<RunSummary> startRun(RunRequest request) {
    return Upstream.call(BENCHMARK, () -> benchmark.start(request));
  }

  /** The run as the benchmark answers it; empty when it does not know the run (404). */
  public Optional<RunSummary> run(String runId) {
    try {
      return Optional.ofNullable(Upstream.call(BENCHMARK, () -> benchmark.run(runId)));
    } catch (UpstreamAnswer answer) {
      if (answer.status() == 404) {
        return Optional.empty();
      }
      throw answer;
    }
  }

  /**
   * The samples of run {@code runId} that the benchmark served to {@code subject}, as it recorded
   * them. Anything but a list of reads, each with its time, is an {@link UpstreamException} (502):
   * who read what is never guessed.
   */
  public List<SampleRead> samplesRead(String runId, String subject) {
    List<SampleRead> reads;
    try {
      reads = Upstream.call(BENCHMARK, () -> benchmark.reads(runId, subject));
    } catch (UpstreamAnswer answer) {
      throw failed(BENCHMARK, answer, "when asked which samples of run " + runId + " were read");
    }
    if (reads == null) {
      throw new UpstreamException(
          BENCHMARK,
          new IOException(
              "answered no list when asked which samples of run " + runId + " were read"));
    }
    for (SampleRead read : reads) {
      if (read == null || read.readAt() == null) {
        throw new UpstreamException(
            BENCHMARK,
            new IOException(
                "answered a read of run " + runId + " without a valid read_at: " + read));
      }
    }
    return reads;
  }

  public boolean exporterReachable() {
    return live(exporter::live);
  }

  public boolean benchmarkReachable() {
    return live(benchmark::live);
  }

  private static boolean live(java.util.function.BooleanSupplier probe) {
    try {
      return probe.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static UpstreamException failed(String upstream, UpstreamAnswer answer, String what) {
    return new UpstreamException(
        upstream, new IOException("it answered HTTP " + answer.status() + " " + what, answer));
  }
}
