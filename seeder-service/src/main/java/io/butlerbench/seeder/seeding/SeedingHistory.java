package io.butlerbench.seeder.seeding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.butlerbench.seeder.seeding.SeedingSnapshot.Status;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Keeps every seeding in the {@code seedings} collection, keyed by its id, from its first write on:
 * RUNNING with its counts after every batch, then COMPLETED or FAILED.
 *
 * <p>A failure that MongoDB's own outage keeps from being recorded is held here and written before
 * the next read or seeding. A seeding whose service died with it (its record stops being updated)
 * is marked FAILED by the next seeding once it has been silent for {@link #SILENT}.
 */
@Singleton
public class SeedingHistory implements SeedingListener {
  private static final Logger LOG = Logger.getLogger(SeedingHistory.class);

  /** A running seeding updates its record after every batch of 1,000 documents, every second. */
  static final Duration SILENT = Duration.ofMinutes(2);

  private static final String UPDATED_AT = "updated_at";

  /** A record is written after every batch: a MongoDB that stopped answering must not hold it. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

  private final MongoCollection<Document> seedings;
  private final MongoCollection<Document> writes;
  private final ObjectMapper json;
  private final Clock clock;
  private final Map<String, SeedingSnapshot> unrecordedFailures = new ConcurrentHashMap<>();

  public SeedingHistory(MongoDatabase database, ObjectMapper json, Clock clock) {
    this.seedings = database.getCollection("seedings");
    this.writes = seedings.withTimeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void started(SeedingSnapshot running) {
    recordFailuresHeldBack();
    writes.updateMany(
        Filters.and(
            Filters.eq("status", Status.RUNNING.name()),
            Filters.lt(UPDATED_AT, Date.from(clock.instant().minus(SILENT)))),
        Updates.combine(
            Updates.set("status", Status.FAILED.name()),
            Updates.set(
                "error",
                "interrupted: the seeder stopped while it ran; the counts are those of its last"
                    + " stored batch")));
    writes.insertOne(toDocument(running));
  }

  @Override
  public void progressed(SeedingSnapshot running) {
    replace(running);
  }

  @Override
  public void completed(SeedingSnapshot completed) {
    replace(completed);
  }

  @Override
  public boolean failed(SeedingSnapshot failed) {
    try {
      replace(failed);
      return true;
    } catch (MongoException e) {
      LOG.warnf(
          "Seeding %s failed and MongoDB is unreachable too; its FAILED record is written on the"
              + " next request: %s",
          failed.seedingId(), e.getMessage());
      unrecordedFailures.put(failed.seedingId(), failed);
      return false;
    }
  }

  public Optional<SeedingSnapshot> find(String seedingId) {
    recordFailuresHeldBack();
    return Optional.ofNullable(seedings.find(Filters.eq("_id", seedingId)).first()).map(this::read);
  }

  public List<SeedingSnapshot> latest(int limit) {
    recordFailuresHeldBack();
    List<SeedingSnapshot> found = new ArrayList<>();
    for (Document document : seedings.find().sort(Sorts.descending("started_at")).limit(limit)) {
      found.add(read(document));
    }
    return found;
  }

  private void recordFailuresHeldBack() {
    for (SeedingSnapshot failed : List.copyOf(unrecordedFailures.values())) {
      replace(failed);
      unrecordedFailures.remove(failed.seedingId());
    }
  }

  private void replace(SeedingSnapshot snapshot) {
    writes.replaceOne(
        Filters.eq("_id", snapshot.seedingId()),
        toDocument(snapshot),
        new ReplaceOptions().upsert(true));
  }

  private Document toDocument(SeedingSnapshot snapshot) {
    try {
      Document document = Document.parse(json.writeValueAsString(snapshot));
      document.put("_id", snapshot.seedingId());
      document.put(UPDATED_AT, Date.from(clock.instant()));
      return document;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SeedingSnapshot read(Document document) {
    document.remove("_id");
    document.remove(UPDATED_AT);
    try {
      return json.readValue(document.toJson(), SeedingSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
