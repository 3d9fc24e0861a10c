package io.butlerbench.pilot.workflow;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * Pilots ({@code pilots}) and their append-only audit trail ({@code pilot_audit}). A state change
 * is a conditional update on the state it came from, so two concurrent actions cannot both move the
 * same pilot.
 */
public class PilotStore {
  private final MongoCollection<Document> pilots;
  private final MongoCollection<Document> audit;

  public PilotStore(MongoDatabase database) {
    this.pilots = database.getCollection("pilots");
    this.audit = database.getCollection("pilot_audit");
  }

  public void create(Document pilot, String actor, Instant at) {
    pilots.insertOne(pilot);
    record(
        pilot.getString("_id"),
        actor,
        "CREATE",
        null,
        pilot.getString("state"),
        new Document(),
        at);
  }

  public Optional<Document> find(String id) {
    return Optional.ofNullable(pilots.find(Filters.eq("_id", id)).first());
  }

  public List<Document> latest(int limit) {
    return pilots.find().sort(Sorts.descending("created_at")).limit(limit).into(new ArrayList<>());
  }

  public List<Document> inState(PilotState state) {
    return pilots.find(Filters.eq("state", state.name())).into(new ArrayList<>());
  }

  public long count(PilotState state) {
    return pilots.countDocuments(Filters.eq("state", state.name()));
  }

  /**
   * Applies {@code changes} and moves the pilot from {@code from} to {@code to}, then appends the
   * audit entry. Returns false when the pilot was no longer in {@code from}.
   */
  public boolean transition(
      String id,
      PilotState from,
      PilotState to,
      PilotAction action,
      String actor,
      Document changes,
      Instant at) {
    Document set =
        new Document(changes).append("state", to.name()).append("updated_at", Date.from(at));
    boolean moved =
        pilots
                .updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.eq("state", from.name())),
                    new Document("$set", set))
                .getModifiedCount()
            == 1;
    if (moved) {
      record(id, actor, action.name(), from.name(), to.name(), changes, at);
    }
    return moved;
  }

  /** Changes that keep the state (a first approval, blocked validation findings), audited too. */
  public void amend(String id, PilotAction action, String actor, Document changes, Instant at) {
    pilots.updateOne(
        Filters.eq("_id", id),
        new Document("$set", new Document(changes).append("updated_at", Date.from(at))));
    Document pilot = find(id).orElseThrow();
    record(
        id, actor, action.name(), pilot.getString("state"), pilot.getString("state"), changes, at);
  }

  public List<Document> audit(String id) {
    return audit
        .find(Filters.eq("pilot_id", id))
        .sort(Sorts.ascending("at"))
        .into(new ArrayList<>());
  }

  private void record(
      String id,
      String actor,
      String action,
      String from,
      String to,
      Document details,
      Instant at) {
    audit.insertOne(
        new Document("_id", "audit-" + UUID.randomUUID())
            .append("pilot_id", id)
            .append("at", Date.from(at))
            .append("actor", actor)
            .append("action", action)
            .append("from", from)
            .append("to", to)
            .append("details", details));
  }
}
