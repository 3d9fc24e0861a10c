package io.butlerbench.pilot.alias;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * Model aliases ({@code champion}, {@code challenger}) per scenario as an append-only history in
 * {@code model_aliases}: who moved which alias to which model, when, why, with which pilot and
 * runs. The current value and the value at any past time are queries, never overwrites.
 */
public class AliasStore {
  public static final String CHAMPION = "champion";
  public static final String CHALLENGER = "challenger";

  private final MongoCollection<Document> events;

  public AliasStore(MongoDatabase database) {
    this.events = database.getCollection("model_aliases");
  }

  public Document move(
      String scenario,
      String alias,
      String model,
      String by,
      String reason,
      String pilotId,
      List<String> runs,
      Instant at) {
    Document event =
        new Document("_id", "alias-" + UUID.randomUUID())
            .append("scenario", scenario)
            .append("alias", alias)
            .append("model", model)
            .append("by", by)
            .append("reason", reason)
            .append("pilot_id", pilotId)
            .append("runs", runs)
            .append("at", Date.from(at));
    events.insertOne(event);
    return event;
  }

  /** The alias's model at time {@code at}: the last move at or before it. */
  public Optional<Document> at(String scenario, String alias, Instant at) {
    return Optional.ofNullable(
        events
            .find(
                Filters.and(
                    Filters.eq("scenario", scenario),
                    Filters.eq("alias", alias),
                    Filters.lte("at", Date.from(at))))
            .sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id")))
            .first());
  }

  public Map<String, Document> current(String scenario, Instant now) {
    Map<String, Document> current = new LinkedHashMap<>();
    for (String alias : List.of(CHAMPION, CHALLENGER)) {
      at(scenario, alias, now).ifPresent(event -> current.put(alias, event));
    }
    return current;
  }

  public List<Document> history(String scenario) {
    return events
        .find(Filters.eq("scenario", scenario))
        .sort(Sorts.ascending("at"))
        .into(new ArrayList<>());
  }

  public List<Document> byPilot(String pilotId) {
    return events
        .find(Filters.eq("pilot_id", pilotId))
        .sort(Sorts.ascending("at"))
        .into(new ArrayList<>());
  }
}
