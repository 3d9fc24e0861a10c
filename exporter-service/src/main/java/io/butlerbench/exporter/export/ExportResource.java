package io.butlerbench.exporter.export;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.service.problem.Problem;
import io.butlerbench.service.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Triggers an export. Answers synchronously: 201 with the manifest of a new version, 200 when the
 * same content was already published (the retry of an export is harmless), 422 when nothing can be
 * published. Only a canonical export ({@link ExportPlan#canonical}) can become {@code latest}.
 */
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Path("/exports")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ExportResource {
  private final Exporter exporter;

  public ExportResource(Exporter exporter) {
    this.exporter = exporter;
  }

  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "A new version was published",
      headers = @Header(name = "Location", description = "GET /datasets/{id}/versions/{version}"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ExportAnswer.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same content was published before: that version, unchanged",
      headers = @Header(name = "Location", description = "GET /datasets/{id}/versions/{version}"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ExportAnswer.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field breaks its rule, or is unknown",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "Nothing published: no document matched, or invalid records under the fail policy, or"
              + " every record invalid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = ExportRefusal.class)))
  public RestResponse<ExportAnswer> export(@Valid ExportRequest request) {
    Exporter.Outcome outcome = exporter.export(ExportPlan.from(request));
    DatasetManifest manifest = outcome.manifest();
    return RestResponse.ResponseBuilder.create(
            outcome.created() ? Response.Status.CREATED : Response.Status.OK,
            new ExportAnswer(manifest, outcome.latest()))
        .location(
            UriBuilder.fromPath("/datasets/{id}/versions/{version}")
                .build(manifest.datasetId(), manifest.version()))
        .build();
  }

  /**
   * The manifest's members, plus {@code latest}: whether the dataset's {@code latest} names this
   * version now. Not part of the manifest, which is immutable while {@code latest} moves on.
   */
  @RegisterForReflection
  @Schema(description = "The manifest of the published version, and whether latest names it now")
  public record ExportAnswer(
      @JsonUnwrapped DatasetManifest manifest,
      @Schema(description = "Whether the dataset's latest names this version now")
          boolean latest) {}

  @ServerExceptionMapper
  public RestResponse<ExportRefusal> failed(ExportFailedException e) {
    return RestResponse.ResponseBuilder.<ExportRefusal>create(ExportRefusal.STATUS)
        .type(Problem.PROBLEM_JSON)
        .entity(ExportRefusal.of(e))
        .build();
  }
}
