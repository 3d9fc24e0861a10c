package io.butlerbench.pilot.api;

import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.service.Json;
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
import java.util.LinkedHashMap;
import java.util.Map;

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

  public AliasResource(AliasStore aliases) {
    this.aliases = aliases;
  }

  @GET
  public Map<String, Object> current(@PathParam("scenario") String scenario) {
    Map<String, Object> body = new LinkedHashMap<>();
    aliases.current(scenario).forEach((alias, event) -> body.put(alias, Json.of(event)));
    body.put("history", aliases.history(scenario).stream().map(Json::of).toList());
    return body;
  }

  /** {@code ?at=2026-11-28T10:00:00Z}; without it, what the alias names now (its latest move). */
  @GET
  @Path("/{alias}")
  public Map<String, Object> at(
      @PathParam("scenario") String scenario,
      @PathParam("alias") String alias,
      @QueryParam("at") String at) {
    if (at == null) {
      return aliases
          .latest(scenario, alias)
          .map(Json::of)
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
        .map(Json::of)
        .orElseThrow(
            () -> new NotFoundException("No " + alias + " for " + scenario + " at " + when));
  }
}
