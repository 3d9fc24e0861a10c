package io.butlerbench.seeder.seeding;

import com.mongodb.MongoException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps every seeding in {@link SeedingRepository}, keyed by its id, from its first write on:
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

  private final SeedingRepository seedings;
  private final Clock clock;
  private final Map<String, SeedingSnapshot> unrecordedFailures = new ConcurrentHashMap<>();

  public SeedingHistory(SeedingRepository seedings, Clock clock) {
    this.seedings = seedings;
    this.clock = clock;
  }

  @Override
  public void started(SeedingSnapshot running) {
    recordFailuresHeldBack();
    // cheap when it exists; created here too for a seeder that started while MongoDB was down
    seedings.createIndexes();
    seedings.failSilentSince(
        clock.instant().minus(SILENT),
        "interrupted: the seeder stopped while it ran; the counts are those of its last stored"
            + " batch");
    save(running);
  }

  @Override
  public void progressed(SeedingSnapshot running) {
    save(running);
  }

  @Override
  public void completed(SeedingSnapshot completed) {
    save(completed);
  }

  @Override
  public boolean failed(SeedingSnapshot failed) {
    try {
      save(failed);
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
    return seedings.findByIdOptional(seedingId);
  }

  public List<SeedingSnapshot> latest(int limit) {
    recordFailuresHeldBack();
    return seedings.latest(limit);
  }

  private void recordFailuresHeldBack() {
    for (SeedingSnapshot failed : List.copyOf(unrecordedFailures.values())) {
      save(failed);
      unrecordedFailures.remove(failed.seedingId());
    }
  }

  private void save(SeedingSnapshot snapshot) {
    seedings.save(snapshot, clock.instant());
  }
}
