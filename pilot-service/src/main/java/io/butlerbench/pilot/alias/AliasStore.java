package io.butlerbench.pilot.alias;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Model aliases ({@code champion}, {@code challenger}) per scenario as an append-only history in
 * {@code model_aliases}: who moved which alias to which model, when, why, with which pilot, which
 * pilot action and runs. The current value and the value at any past time are queries, never
 * overwrites.
 *
 * <p>Each move of an alias has the next number in that alias's sequence ({@code seq}), and its
 * {@code _id} is made of scenario, alias and that number. Appending is therefore a compare-and-set
 * on the alias: of two moves that read the same latest move, the second insert hits the first's
 * {@code _id} and is refused by MongoDB itself, so "move only while the alias still points at X"
 * holds without transactions. Moves recorded before the sequence existed have no {@code seq} and
 * sort before every numbered one.
 */
public class AliasStore {
  public static final String CHAMPION = "champion";
  public static final String CHALLENGER = "challenger";

  private static final Bson LATEST_FIRST =
      Sorts.orderBy(Sorts.descending("seq"), Sorts.descending("at"), Sorts.descending("_id"));
  private static final Bson OLDEST_FIRST =
      Sorts.orderBy(Sorts.ascending("at"), Sorts.ascending("seq"));

  private final MongoCollection<Document> events;

  public AliasStore(MongoDatabase database) {
    this.events = database.getCollection("model_aliases");
  }

  /** One move: the alias, the model it now names, and who moved it for which pilot and why. */
  public record Move(
      String scenario,
      String alias,
      String model,
      String by,
      String reason,
      String pilotId,
      String action,
      List<String> runs,
      Instant at) {}

  /** Appends {@code move} whatever the alias named before. */
  public Document move(Move move) {
    return moveIf(move, current -> true).orElseThrow();
  }

  /**
   * Appends {@code move} only while the alias's latest move satisfies {@code expected} (given an
   * empty document when the alias was never set). Empty when it did not: the alias names something
   * else now.
   */
  public Optional<Document> moveIf(Move move, Predicate<Document> expected) {
    // a lost insert means another move landed in between: judge the expectation against it
    while (true) {
      Optional<Document> latest = latest(move.scenario(), move.alias());
      if (!expected.test(latest.orElseGet(Document::new))) {
        return Optional.empty();
      }
      long seq =
          latest.map(event -> event.get("seq", Number.class)).map(Number::longValue).orElse(0L) + 1;
      Document event =
          new Document("_id", move.scenario() + "/" + move.alias() + "/" + seq)
              .append("seq", seq)
              .append("scenario", move.scenario())
              .append("alias", move.alias())
              .append("model", move.model())
              .append("by", move.by())
              .append("reason", move.reason())
              .append("pilot_id", move.pilotId())
              .append("action", move.action())
              .append("runs", move.runs())
              .append("at", Date.from(move.at()));
      try {
        events.insertOne(event);
        return Optional.of(event);
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
  }

  /** Whether {@code pilotId} ever moved {@code alias} by {@code action}: a step's move is done. */
  public boolean moved(String scenario, String alias, String pilotId, String action) {
    return events
            .find(
                Filters.and(
                    Filters.eq("scenario", scenario),
                    Filters.eq("alias", alias),
                    Filters.eq("pilot_id", pilotId),
                    Filters.eq("action", action)))
            .first()
        != null;
  }

  /** The alias's latest move, whatever its time says: what the alias names now. */
  public Optional<Document> latest(String scenario, String alias) {
    return Optional.ofNullable(
        events
            .find(Filters.and(Filters.eq("scenario", scenario), Filters.eq("alias", alias)))
            .sort(LATEST_FIRST)
            .first());
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
            .sort(LATEST_FIRST)
            .first());
  }

  public List<Document> history(String scenario) {
    return events.find(Filters.eq("scenario", scenario)).sort(OLDEST_FIRST).into(new ArrayList<>());
  }

  public List<Document> byPilot(String pilotId) {
    return events.find(Filters.eq("pilot_id", pilotId)).sort(OLDEST_FIRST).into(new ArrayList<>());
  }
}
