package io.butlerbench.exporter.validation;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.exporter.dataset.DatasetReader;
import io.butlerbench.exporter.dataset.DatasetResource;
import io.butlerbench.exporter.dataset.ValidationReport;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.Problem;
import io.butlerbench.service.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

  /**
   * Read line by line as it arrives: past {@link UploadLimits} (too many lines, a line too long)
   * the answer is 413 at once, the rest of the body unread.
   */
  @POST
  @Consumes({DatasetResource.NDJSON, MediaType.TEXT_PLAIN})
  @RequestBody(
      description =
          "JSON lines, one record each; blank lines are skipped but counted in line numbers",
      required = true,
      content = {
        @Content(
            mediaType = DatasetResource.NDJSON,
            schema = @Schema(implementation = DatasetRecord.class)),
        @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The report: which lines break the schema and how (none when invalid is 0)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ValidationReport.class)))
  @APIResponse(
      responseCode = "413",
      description = "Too many lines, or a line too long (exporter.validation.*), or too large",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
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
  @APIResponse(
      responseCode = "200",
      description = "The report of the version's records, checked again",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ValidationReport.class)))
  @APIResponse(
      responseCode = "400",
      description = "A name is missing or breaks the naming rule",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such version",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ValidationReport stored(@Valid StoredVersion target) {
    if (target == null) {
      // @Valid passes a missing body, and a missing body names no dataset
      throw new InvalidRequestException("dataset_id", "required", "dataset_id is required");
    }
    DatasetManifest manifest =
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
}
