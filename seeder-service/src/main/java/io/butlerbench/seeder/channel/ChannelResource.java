package io.butlerbench.seeder.channel;

import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The channel registry over REST. Adding and removing are idempotent; so is refresh. */
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Path("/channels")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ChannelResource {
  private final ChannelRegistry registry;

  public ChannelResource(ChannelRegistry registry) {
    this.registry = registry;
  }

  @RegisterForReflection
  public record ChannelList(List<String> channels) {}

  @RegisterForReflection
  public record NewChannel(
      @NotNull(message = "name is required, e.g. @tech_ru")
          @Pattern(
              regexp = ChannelName.REGEX,
              message = "'${validatedValue}' is not a channel name: expected " + ChannelName.RULE)
          String name) {}

  @GET
  public ChannelList list() {
    return new ChannelList(registry.list());
  }

  /** 201 when added, 200 when it was already there: a retried add is harmless. */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(@Valid NewChannel channel) {
    // @Valid passes a missing body, which has no name either
    if (channel == null) {
      throw new InvalidRequestException("name", "required", "name is required, e.g. @tech_ru");
    }
    boolean added = registry.add(channel.name());
    return Response.status(added ? Response.Status.CREATED : Response.Status.OK)
        .entity(new ChannelList(registry.list()))
        .build();
  }

  @RolesAllowed(Roles.OPERATOR)
  @DELETE
  @Path("/{name}")
  public Response remove(@PathParam("name") String name) {
    ChannelName.require(name, "name");
    registry.remove(name);
    return Response.noContent().build();
  }

  /** Re-adds the configured default channels that are missing. */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/refresh")
  public ChannelList refresh() {
    return new ChannelList(registry.refresh());
  }
}
