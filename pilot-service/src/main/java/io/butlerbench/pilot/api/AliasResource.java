package io.butlerbench.pilot.api;

import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.service.problem.InvalidRequestException;
import io.butlerbench.service.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Model aliases per scenario: now, their history, and "which model was champion at time T". */
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Path("/aliases/{scenario}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AliasResource {
  private final AliasStore aliases;
  private final Views views;

  public AliasResource(AliasStore aliases, Views views) {
    this.aliases = aliases;
    this.views = views;
  }

  @GET
  public AliasMove.OfScenario current(@PathParam("scenario") String scenario) {
    return new AliasMove.OfScenario(
        aliases.latest(scenario, AliasStore.CHAMPION).map(views::aliasMove).orElse(null),
        aliases.latest(scenario, AliasStore.CHALLENGER).map(views::aliasMove).orElse(null),
        aliases.history(scenario).stream().map(views::aliasMove).toList());
  }

  /** {@code ?at=2026-11-28T10:00:00Z}; without it, what the alias names now (its latest move). */
  @GET
  @Path("/{alias}")
  public AliasMove at(
      @PathParam("scenario") String scenario,
      @PathParam("alias") String alias,
      @QueryParam("at") String at) {
    if (at == null) {
      return aliases
          .latest(scenario, alias)
          .map(views::aliasMove)
          .orElseThrow(() -> new NotFoundException("No " + alias + " for " + scenario));
    }
    Instant when;
    try {
      when = Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "at", "iso-8601", "at must be an ISO-8601 instant such as 2026-11-28T10:00:00Z");
    }
    return aliases
        .at(scenario, alias, when)
        .map(views::aliasMove)
        .orElseThrow(
            () -> new NotFoundException("No " + alias + " for " + scenario + " at " + when));
  }
}
