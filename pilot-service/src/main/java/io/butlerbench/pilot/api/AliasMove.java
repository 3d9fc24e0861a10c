package io.butlerbench.pilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One move of a model alias: the model it names from {@code at} on, who moved it for which pilot
 * and step, why, and the runs behind it; {@code seq} numbers the alias's moves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AliasMove(
    Long seq,
    String scenario,
    String alias,
    String model,
    String by,
    String reason,
    String pilotId,
    String action,
    List<String> runs,
    Instant at) {

  /** The aliases of a scenario now (each left out while never set) and every move of them. */
  @Schema(name = "ScenarioAliases")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OfScenario(AliasMove champion, AliasMove challenger, List<AliasMove> history) {}
}
