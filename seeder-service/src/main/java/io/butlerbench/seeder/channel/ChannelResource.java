package io.butlerbench.seeder.channel;

import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.problem.Problem;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

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

  /** The registered channels, sorted by name. */
  @RegisterForReflection
  @Schema(description = "The channels seeding covers when a request names none, sorted")
  public record ChannelList(
      @Schema(description = "Channel names", example = "[\"@ml_digest_ru\", \"@tech_ru\"]")
          List<String> channels) {}

  @RegisterForReflection
  @Schema(description = "A channel to register")
  public record NewChannel(
      @Schema(required = true, pattern = ChannelName.REGEX, example = "@tech_ru")
          @NotNull(message = "name is required, e.g. @tech_ru")
          @Pattern(
              regexp = ChannelName.REGEX,
              message = "'${validatedValue}' is not a channel name: expected " + ChannelName.RULE)
          String name) {}

  @GET
  @APIResponse(
      responseCode = "200",
      description = "The registry",
      content = @Content(schema = @Schema(implementation = ChannelList.class)))
  public ChannelList list() {
    return new ChannelList(registry.list());
  }

  /** 201 when added, 200 when it was already there: a retried add is harmless. */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "Added; the registry as it is now",
      content = @Content(schema = @Schema(implementation = ChannelList.class)))
  @APIResponse(
      responseCode = "200",
      description = "Already registered; the registry as it is now",
      content = @Content(schema = @Schema(implementation = ChannelList.class)))
  @APIResponse(
      responseCode = "400",
      description = "No name, or not a channel name",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RestResponse<ChannelList> add(@Valid NewChannel channel) {
    // @Valid passes a missing body, which has no name either
    if (channel == null) {
      throw new InvalidRequestException("name", "required", "name is required, e.g. @tech_ru");
    }
    boolean added = registry.add(channel.name());
    return RestResponse.status(
        added ? RestResponse.Status.CREATED : RestResponse.Status.OK,
        new ChannelList(registry.list()));
  }

  @RolesAllowed(Roles.OPERATOR)
  @DELETE
  @Path("/{name}")
  @APIResponse(responseCode = "204", description = "Not registered (any more); its digests stay")
  @APIResponse(
      responseCode = "400",
      description = "Not a channel name",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RestResponse<Void> remove(
      @Parameter(schema = @Schema(pattern = ChannelName.REGEX), example = "@tech_ru")
          @PathParam("name")
          String name) {
    ChannelName.require(name, "name");
    registry.remove(name);
    return RestResponse.noContent();
  }

  /** Re-adds the configured default channels that are missing. */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/refresh")
  @APIResponse(
      responseCode = "200",
      description = "The registry with every configured default in it",
      content = @Content(schema = @Schema(implementation = ChannelList.class)))
  public ChannelList refresh() {
    return new ChannelList(registry.refresh());
  }
}
