package io.butlerbench.exporter.export;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.butlerbench.exporter.dataset.Manifest;
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
import java.util.LinkedHashMap;
import java.util.Map;
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
  public Response export(@Valid ExportRequest request) {
    Exporter.Outcome outcome = exporter.export(ExportPlan.from(request));
    var manifest = outcome.manifest();
    return Response.status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
        .location(
            UriBuilder.fromPath("/datasets/{id}/versions/{version}")
                .build(manifest.datasetId(), manifest.version()))
        .entity(new ExportAnswer(manifest, outcome.latest()))
        .build();
  }

  /**
   * The manifest's members, plus {@code latest}: whether the dataset's {@code latest} names this
   * version now. Not part of the manifest, which is immutable while {@code latest} moves on.
   */
  @RegisterForReflection
  public record ExportAnswer(@JsonUnwrapped Manifest manifest, boolean latest) {}

  @ServerExceptionMapper
  public Response failed(ExportFailedException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:butler-bench:problem:" + e.rule());
    body.put("title", "Export not published");
    body.put("status", 422);
    body.put("detail", e.getMessage());
    body.put("rule", e.rule());
    if (e.report() != null) {
      body.put("validation", e.report());
    }
    return Response.status(422).type(Problem.PROBLEM_JSON).entity(body).build();
  }
}
