package io.butlerbench.exporter.export;

import io.butlerbench.service.problem.Problem;
import io.smallrye.common.annotation.Blocking;
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
 * published.
 */
@Path("/exports")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ExportResource {
  private final Exporter exporter;

  public ExportResource(Exporter exporter) {
    this.exporter = exporter;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response export(ExportRequest request) {
    Exporter.Outcome outcome = exporter.export(ExportPlan.from(request));
    var manifest = outcome.manifest();
    return Response.status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
        .location(
            UriBuilder.fromPath("/datasets/{id}/versions/{version}")
                .build(manifest.datasetId(), manifest.version()))
        .entity(manifest)
        .build();
  }

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
