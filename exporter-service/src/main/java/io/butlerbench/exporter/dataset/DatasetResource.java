package io.butlerbench.exporter.dataset;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.service.problem.Problem;
import io.butlerbench.service.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Datasets over REST, so no other service ever needs the file system. */
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DatasetResource {
  public static final String NDJSON = "application/x-ndjson";
  public static final String GZIP = "application/gzip";

  private final DatasetStore store;
  private final DatasetReader reader;

  public DatasetResource(DatasetStore store, DatasetReader reader) {
    this.store = store;
    this.reader = reader;
  }

  @RegisterForReflection
  @Schema(description = "A published dataset")
  public record DatasetSummary(
      String datasetId,
      @Schema(description = "The version a benchmark run takes by default; null when none is")
          String latest,
      @Schema(description = "How many versions are published") int versions) {}

  @RegisterForReflection
  public record DatasetList(List<DatasetSummary> datasets) {}

  @RegisterForReflection
  public record VersionList(
      String datasetId,
      @Schema(description = "The version a benchmark run takes by default; null when none is")
          String latest,
      @Schema(description = "Published versions, oldest first") List<String> versions) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "Every published dataset",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DatasetList.class)))
  public DatasetList datasets() throws IOException {
    List<DatasetSummary> summaries = new ArrayList<>();
    for (String id : store.datasets()) {
      summaries.add(
          new DatasetSummary(id, store.latest(id).orElse(null), store.versions(id).size()));
    }
    return new DatasetList(summaries);
  }

  @GET
  @Path("/{dataset}/versions")
  @APIResponse(
      responseCode = "200",
      description = "The dataset's versions",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VersionList.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset (a name that breaks the naming rule included)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public VersionList versions(@PathParam("dataset") String dataset) throws IOException {
    List<String> versions = store.versions(dataset);
    if (versions.isEmpty()) {
      throw new NotFoundException("No dataset '" + dataset + "' has been published");
    }
    return new VersionList(dataset, store.latest(dataset).orElse(null), versions);
  }

  @GET
  @Path("/{dataset}/latest")
  @APIResponse(
      responseCode = "200",
      description = "The manifest of the version latest names",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DatasetManifest.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset, or no latest version yet",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public DatasetManifest latest(@PathParam("dataset") String dataset) throws IOException {
    String version =
        store
            .latest(dataset)
            .orElseThrow(
                () -> new NotFoundException("No dataset '" + dataset + "' has been published"));
    return manifest(dataset, version);
  }

  @GET
  @Path("/{dataset}/versions/{version}")
  @APIResponse(
      responseCode = "200",
      description = "The version's manifest",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DatasetManifest.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset or version (a name that breaks the naming rule included)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public DatasetManifest manifest(
      @PathParam("dataset") String dataset, @PathParam("version") String version) {
    return reader.manifest(dataset, version).orElseThrow(() -> noVersion(dataset, version));
  }

  @GET
  @Path("/{dataset}/versions/{version}/validation-report")
  @APIResponse(
      responseCode = "200",
      description = "The validation report published with the version",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ValidationReport.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset or version (a name that breaks the naming rule included)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ValidationReport validationReport(
      @PathParam("dataset") String dataset, @PathParam("version") String version) {
    return reader.validationReport(dataset, version).orElseThrow(() -> noVersion(dataset, version));
  }

  /** The records of a version as NDJSON, decompressed, in published order, streamed. */
  @GET
  @Path("/{dataset}/versions/{version}/records")
  @Produces(NDJSON)
  @APIResponse(
      responseCode = "200",
      description = "The version's records, one JSON record a line, in published order, streamed",
      content =
          @Content(mediaType = NDJSON, schema = @Schema(implementation = DatasetRecord.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset or version (a name that breaks the naming rule included)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response records(
      @PathParam("dataset") String dataset, @PathParam("version") String version) {
    DatasetManifest manifest = manifest(dataset, version);
    StreamingOutput body =
        (OutputStream out) -> {
          try {
            reader.forEachRecord(manifest, line -> writeLine(out, line));
          } catch (UncheckedIOException e) {
            throw e.getCause();
          }
        };
    return Response.ok(body, NDJSON).build();
  }

  /**
   * A part as stored (gzip), e.g. to check its SHA-256 against the manifest. The version's folder
   * also holds {@code manifest.json} and {@code validation-report.json}, which are served as the
   * JSON they are.
   */
  @GET
  @Path("/{dataset}/versions/{version}/parts/{part}")
  @Produces({GZIP, MediaType.APPLICATION_JSON})
  @APIResponse(
      responseCode = "200",
      description =
          "The file as stored: a gzip JSONL part, or manifest.json or validation-report.json",
      content = {
        @Content(mediaType = GZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {DatasetManifest.class, ValidationReport.class}))
      })
  @APIResponse(
      responseCode = "404",
      description =
          "No such dataset, version or part (a name that breaks the naming rule included)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response part(
      @PathParam("dataset") String dataset,
      @PathParam("version") String version,
      @PathParam("part") String part)
      throws IOException {
    InputStream stored =
        store
            .part(dataset, version, part)
            .orElseThrow(
                () ->
                    new NotFoundException("No part '" + part + "' in " + dataset + "/" + version));
    return Response.ok(stored, part.endsWith(".json") ? MediaType.APPLICATION_JSON : GZIP).build();
  }

  /** A name that cannot be a dataset, version or part cannot exist either. */
  @ServerExceptionMapper
  public Response unknownName(IllegalArgumentException e) {
    return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
  }

  private static NotFoundException noVersion(String dataset, String version) {
    return new NotFoundException("No version '" + version + "' of '" + dataset + "'");
  }

  private static void writeLine(OutputStream out, String line) {
    try {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
