package io.butlerbench.pilot.clients;

/**
 * What the exporter's {@code POST /validations} reports on a dataset version: records checked and
 * how many of them break the record schema.
 */
public record DatasetValidation(Long recordsChecked, Long invalid) {

  /** Which version to validate. */
  public record Request(String datasetId, String version) {}
}
