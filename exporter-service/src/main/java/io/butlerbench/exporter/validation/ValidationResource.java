package io.butlerbench.exporter.validation;

import io.butlerbench.exporter.dataset.DatasetNames;
import io.butlerbench.exporter.dataset.DatasetReader;
import io.butlerbench.exporter.dataset.DatasetResource;
import io.butlerbench.exporter.dataset.Manifest;
import io.butlerbench.exporter.dataset.ValidationReport;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks JSONL against the record schema: an uploaded file (NDJSON or plain text body) or a
 * published version. Answers 200 with the report either way; whether it passed is {@code invalid ==
 * 0}.
 */
@RolesAllowed({Roles.OPERATOR, Roles.ML_ENGINEER, Roles.SERVICE})
@Path("/validations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ValidationResource {
  private final RecordSchema schema;
  private final DatasetReader reader;
  private final UploadLimits limits;

  public ValidationResource(RecordSchema schema, DatasetReader reader, UploadLimits limits) {
    this.schema = schema;
    this.reader = reader;
    this.limits = limits;
  }

  @RegisterForReflection
  public record StoredVersion(String datasetId, String version) {}

  /**
   * Read line by line as it arrives: past {@link UploadLimits} (too many lines, a line too long)
   * the answer is 413 at once, the rest of the body unread.
   */
  @POST
  @Consumes({DatasetResource.NDJSON, MediaType.TEXT_PLAIN})
  public ValidationReport upload(InputStream body) throws IOException {
    RecordValidator validator = new RecordValidator(schema);
    // not closed here: closing reads (and discards) whatever is left of the body, and a body
    // refused for a limit is not read any further
    UploadedLines lines = new UploadedLines(body, limits);
    for (String line = lines.next(); line != null; line = lines.next()) {
      validator.accept(lines.number(), line);
    }
    return validator.report();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public ValidationReport stored(StoredVersion target) {
    if (target == null) {
      throw new InvalidRequestException("dataset_id", "required", "dataset_id is required");
    }
    requireName("dataset_id", target.datasetId());
    requireName("version", target.version());
    Manifest manifest =
        reader
            .manifest(target.datasetId(), target.version())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "No version '" + target.version() + "' of '" + target.datasetId() + "'"));
    RecordValidator validator = new RecordValidator(schema);
    long[] number = {0};
    reader.forEachRecord(manifest, line -> validator.accept(++number[0], line));
    return validator.report();
  }

  /** The names become path segments: one that breaks the rule is the client's error, not ours. */
  private static void requireName(String field, String value) {
    if (value == null) {
      throw new InvalidRequestException(field, "required", field + " is required");
    }
    if (!DatasetNames.valid(value)) {
      throw new InvalidRequestException(
          field, "pattern", field + " must be " + DatasetNames.RULE + ", was '" + value + "'");
    }
  }
}
