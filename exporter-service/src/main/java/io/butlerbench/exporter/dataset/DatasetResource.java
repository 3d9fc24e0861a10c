package io.butlerbench.exporter.dataset;

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
  public record DatasetSummary(String datasetId, String latest, int versions) {}

  @RegisterForReflection
  public record DatasetList(List<DatasetSummary> datasets) {}

  @RegisterForReflection
  public record VersionList(String datasetId, String latest, List<String> versions) {}

  @GET
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
  public VersionList versions(@PathParam("dataset") String dataset) throws IOException {
    List<String> versions = store.versions(dataset);
    if (versions.isEmpty()) {
      throw new NotFoundException("No dataset '" + dataset + "' has been published");
    }
    return new VersionList(dataset, store.latest(dataset).orElse(null), versions);
  }

  @GET
  @Path("/{dataset}/latest")
  public Manifest latest(@PathParam("dataset") String dataset) throws IOException {
    String version =
        store
            .latest(dataset)
            .orElseThrow(
                () -> new NotFoundException("No dataset '" + dataset + "' has been published"));
    return manifest(dataset, version);
  }

  @GET
  @Path("/{dataset}/versions/{version}")
  public Manifest manifest(
      @PathParam("dataset") String dataset, @PathParam("version") String version) {
    return reader
        .manifest(dataset, version)
        .orElseThrow(
            () -> new NotFoundException("No version '" + version + "' of '" + dataset + "'"));
  }

  @GET
  @Path("/{dataset}/versions/{version}/validation-report")
  public Response validationReport(
      @PathParam("dataset") String dataset, @PathParam("version") String version)
      throws IOException {
    byte[] report =
        store
            .validationReport(dataset, version)
            .orElseThrow(
                () -> new NotFoundException("No version '" + version + "' of '" + dataset + "'"));
    return Response.ok(report, MediaType.APPLICATION_JSON).build();
  }

  /** The records of a version as NDJSON, decompressed, in published order, streamed. */
  @GET
  @Path("/{dataset}/versions/{version}/records")
  @Produces(NDJSON)
  public Response records(
      @PathParam("dataset") String dataset, @PathParam("version") String version) {
    Manifest manifest = manifest(dataset, version);
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

  private static void writeLine(OutputStream out, String line) {
    try {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
