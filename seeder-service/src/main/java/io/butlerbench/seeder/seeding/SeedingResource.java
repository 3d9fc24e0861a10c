package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.seeding.SeedingProblems.SeedingFailure;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.Problem;
import io.butlerbench.service.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Triggers a top-up and reads past ones. Seeding answers synchronously: a full floor takes seconds.
 */
@Path("/seedings")
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SeedingResource {
  static final int MAX_LIMIT = 500;

  private final SeedingTrigger trigger;
  private final SeedingHistory history;
  private final JsonWebToken caller;

  public SeedingResource(SeedingTrigger trigger, SeedingHistory history, JsonWebToken caller) {
    this.trigger = trigger;
    this.history = history;
    this.caller = caller;
  }

  /** The seeding records who asked for it: {@code api:<subject of the token>}. */
  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "Seeded: the completed seeding, also kept at the Location",
      headers = @Header(name = "Location", description = "GET /seedings/{seeding_id}"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SeedingSnapshot.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field breaks its rule or a configured limit; nothing was written",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "503",
      description = "MongoDB failed: unreachable before any write, or half-way (then with counts)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(oneOf = {SeedingFailure.class, Problem.class})))
  @APIResponse(
      responseCode = "500",
      description = "The seeding failed half-way for another reason; what it wrote stays",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = SeedingFailure.class)))
  public RestResponse<SeedingSnapshot> seed(@Valid SeedingRequest request, @Context UriInfo uri) {
    SeedingSnapshot snapshot =
        trigger.run(
            request == null ? SeedingRequest.defaults() : request, "api:" + caller.getSubject());
    return RestResponse.ResponseBuilder.<SeedingSnapshot>created(
            uri.getAbsolutePathBuilder().path(snapshot.seedingId()).build())
        .entity(snapshot)
        .build();
  }

  @GET
  @APIResponse(
      responseCode = "200",
      description = "The latest seedings, newest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = SeedingSnapshot.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit is out of range",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public List<SeedingSnapshot> latest(
      @Parameter(
              description = "How many seedings to list",
              schema = @Schema(minimum = "1", maximum = "500", defaultValue = "20"))
          @QueryParam("limit")
          @DefaultValue("20")
          int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException(
          "limit", "range", "limit must be within 1-" + MAX_LIMIT + ", was " + limit);
    }
    return history.latest(limit);
  }

  @GET
  @Path("/{id}")
  @APIResponse(
      responseCode = "200",
      description = "The seeding: RUNNING with its counts so far, COMPLETED or FAILED",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SeedingSnapshot.class)))
  @APIResponse(
      responseCode = "404",
      description = "No seeding with this id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public SeedingSnapshot find(@PathParam("id") String id) {
    return history
        .find(id)
        .orElseThrow(() -> new NotFoundException("No seeding with id '" + id + "'"));
  }
}
