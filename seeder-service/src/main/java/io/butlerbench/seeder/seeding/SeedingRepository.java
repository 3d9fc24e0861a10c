package io.butlerbench.seeder.seeding;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.butlerbench.seeder.seeding.SeedingSnapshot.Status;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWrapper;

/**
 * The {@code seedings} collection: one {@link SeedingSnapshot} per seeding, keyed by its id, with
 * {@value #UPDATED_AT} (when it was last written) beside it, so that a seeding whose process died
 * can be told from one that is still writing.
 */
@ApplicationScoped
public class SeedingRepository implements PanacheMongoRepositoryBase<SeedingSnapshot, String> {
  static final String COLLECTION = "seedings";
  static final String UPDATED_AT = "updated_at";

  /** {@code GET /seedings} lists the latest first. */
  static final List<IndexModel> INDEXES =
      List.of(new IndexModel(Indexes.descending(SeedingSnapshot.STARTED_AT)));

  /** A record is written after every batch: a MongoDB that stopped answering must not hold it. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

  public void createIndexes() {
    mongoCollection().createIndexes(INDEXES);
  }

  /** Writes the seeding's record as it stands now, inserting it the first time. */
  public void save(SeedingSnapshot snapshot, Instant now) {
    BsonDocument stored =
        BsonDocumentWrapper.asBsonDocument(snapshot, mongoCollection().getCodecRegistry());
    stored.put(UPDATED_AT, new BsonDateTime(now.toEpochMilli()));
    writes()
        .withDocumentClass(BsonDocument.class)
        .replaceOne(
            Filters.eq("_id", snapshot.seedingId()), stored, new ReplaceOptions().upsert(true));
  }

  /**
   * Marks FAILED every RUNNING seeding whose record was last written before {@code silentSince}.
   */
  public void failSilentSince(Instant silentSince, String error) {
    writes()
        .updateMany(
            Filters.and(
                Filters.eq(SeedingSnapshot.STATUS, Status.RUNNING.name()),
                Filters.lt(UPDATED_AT, Date.from(silentSince))),
            Updates.combine(
                Updates.set(SeedingSnapshot.STATUS, Status.FAILED.name()),
                Updates.set(SeedingSnapshot.ERROR, error)));
  }

  /** The latest {@code limit} seedings, newest first. */
  public List<SeedingSnapshot> latest(int limit) {
    return mongoCollection()
        .find()
        .sort(Sorts.descending(SeedingSnapshot.STARTED_AT))
        .limit(limit)
        .into(new ArrayList<>());
  }

  private MongoCollection<SeedingSnapshot> writes() {
    return mongoCollection().withTimeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
