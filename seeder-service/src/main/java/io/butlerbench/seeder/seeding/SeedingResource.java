package io.butlerbench.seeder.seeding;

import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.Problem;
import io.butlerbench.service.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
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
  public Response seed(@Valid SeedingRequest request, @Context UriInfo uri) {
    SeedingSnapshot snapshot =
        trigger.run(
            request == null ? SeedingRequest.defaults() : request, "api:" + caller.getSubject());
    return Response.created(uri.getAbsolutePathBuilder().path(snapshot.seedingId()).build())
        .entity(snapshot)
        .build();
  }

  @GET
  public List<SeedingSnapshot> latest(@QueryParam("limit") @DefaultValue("20") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException(
          "limit", "range", "limit must be within 1-500, was " + limit);
    }
    return history.latest(limit);
  }

  @GET
  @Path("/{id}")
  public RestResponse<Object> find(@PathParam("id") String id) {
    return history
        .find(id)
        .<RestResponse<Object>>map(RestResponse::ok)
        .orElseGet(
            () ->
                RestResponse.ResponseBuilder.create(RestResponse.Status.NOT_FOUND)
                    .type(Problem.PROBLEM_JSON)
                    .entity(
                        Problem.of(Response.Status.NOT_FOUND, "No seeding with id '" + id + "'"))
                    .build());
  }
}
