package io.butlerbench.benchmark.dataset;

import io.butlerbench.contracts.dataset.DatasetRecord;
import java.util.Optional;
import java.util.function.Consumer;

/** Published dataset versions, as the exporter serves them. */
public interface DatasetSource {

  /** A version and its record count, or empty when it does not exist. */
  record Version(String datasetId, String version, long recordCount) {}

  Optional<Version> latest(String datasetId);

  Optional<Version> version(String datasetId, String version);

  /** Streams the records of a version, in published order. */
  void forEachRecord(Version version, Consumer<DatasetRecord> records);

  /** Whether the exporter answers at all (readiness). */
  boolean reachable();
}
