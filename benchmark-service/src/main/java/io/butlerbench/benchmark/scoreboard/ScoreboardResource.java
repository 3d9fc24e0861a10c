package io.butlerbench.benchmark.scoreboard;

import io.butlerbench.service.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The latest completed run per scenario and judge, as Markdown; every role may read it. */
@Path("/scoreboard")
@RolesAllowed({
  Roles.VIEWER,
  Roles.OPERATOR,
  Roles.ML_ENGINEER,
  Roles.ML_LEAD,
  Roles.OPERATIONS_OWNER,
  Roles.SERVICE
})
@Blocking
public class ScoreboardResource {
  private final Scoreboard scoreboard;

  public ScoreboardResource(Scoreboard scoreboard) {
    this.scoreboard = scoreboard;
  }

  @GET
  @Produces("text/markdown; charset=utf-8")
  @Operation(summary = "The latest completed run per scenario and judge, as Markdown")
  public String markdown() {
    return scoreboard.markdown();
  }
}
