package io.butlerbench.contracts.dataset;

import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json} of one immutable dataset version, as the exporter publishes it and serves
 * it at {@code GET /datasets/{id}/versions/{version}}. {@code version} is content-addressed: the
 * same selection rules over the same records name the same version.
 */
public record DatasetManifest(
    String datasetId,
    String version,
    String schemaVersion,
    Filters filters,
    Instant createdAt,
    long recordCount,
    List<Part> parts,
    Validation validation) {

  /**
   * What the export selected; the time bounds are those of the export that created the version.
   * {@code channel} and {@code limit} are null when the export did not narrow by them.
   */
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
  public record Part(String name, long bytes, long records, String sha256) {}

  /** Summary of the validation report published beside the manifest. */
  public record Validation(String report, long recordsChecked, long invalid) {}
}
