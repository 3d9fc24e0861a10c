package io.butlerbench.benchmark.scoreboard;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

@Path("/scoreboard")
@Blocking
public class ScoreboardResource {
  private final Scoreboard scoreboard;

  public ScoreboardResource(Scoreboard scoreboard) {
    this.scoreboard = scoreboard;
  }

  @GET
  @Produces("text/markdown; charset=utf-8")
  public String markdown() {
    return scoreboard.markdown();
  }
}
