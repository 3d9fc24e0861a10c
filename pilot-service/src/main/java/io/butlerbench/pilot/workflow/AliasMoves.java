package io.butlerbench.pilot.workflow;

import io.butlerbench.pilot.alias.AliasStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The alias moves of promotion and rollback, each counted in {@code pilot_alias_changes_total}. */
final class AliasMoves {
  private final AliasStore aliases;
  private final MeterRegistry meters;

  AliasMoves(AliasStore aliases, MeterRegistry meters) {
    this.aliases = aliases;
    this.meters = meters;
  }

  /** A step's alias move, unless a previous attempt of the same step already made it. */
  void moveOnce(Document pilot, String alias, String model, Document claim, Instant at) {
    String scenario = pilot.getString("scenario");
    String id = pilot.getString("_id");
    String action = claim.getString("action");
    if (aliases.moved(scenario, alias, id, action)) {
      return;
    }
    aliases.move(
        new AliasStore.Move(
            scenario,
            alias,
            model,
            claim.getString("by"),
            claim.getString("reason"),
            id,
            action,
            runIds(pilot),
            at));
    changed(scenario, alias);
  }

  void changed(String scenario, String alias) {
    Counter.builder("pilot.alias.changes")
        .tag("scenario", scenario)
        .tag("alias", alias)
        .register(meters)
        .increment();
  }

  static List<String> runIds(Document pilot) {
    List<String> ids = new ArrayList<>();
    for (String key : List.of("baseline_run", "evaluation_run")) {
      Document run = pilot.get(key, Document.class);
      if (run != null) {
        ids.add(run.getString("run_id"));
      }
    }
    return ids;
  }
}
