package io.butlerbench.exporter.dataset;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** {@code manifest.json} of one immutable dataset version. */
@RegisterForReflection
public record Manifest(
    String datasetId,
    String version,
    String schemaVersion,
    Filters filters,
    Instant createdAt,
    long recordCount,
    List<Part> parts,
    Validation validation) {

  /** What the export selected; the time bounds are those of the export that created the version. */
  @RegisterForReflection
  public record Filters(
      String source,
      int windowHours,
      String channel,
      String language,
      Integer limit,
      String invalidPolicy,
      Instant since,
      Instant until) {}

  /** One gzip JSONL part: its size on disk, records and SHA-256 of its bytes. */
  @RegisterForReflection
  public record Part(String name, long bytes, long records, String sha256) {}

  /** Summary of the validation report published beside the manifest. */
  @RegisterForReflection
  public record Validation(String report, long recordsChecked, long invalid) {}
}
