package io.butlerbench.seeder.seeding;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Makes SIGTERM end the seeder within seconds. Quarkus waits for running requests before it stops,
 * and a seeding can take minutes: running seedings fail at once with what they wrote and record it
 * ({@link SeedingService#stop}), and the stop waits at most {@link #RECORDING} for that.
 *
 * <p>A request waiting on a MongoDB that stopped answering (frozen, not gone) cannot be cut short
 * from here: the driver's socket read ends only with the read timeout (30 s). Closing the client
 * does not end it either. {@code quarkus.thread-pool.shutdown-timeout} (service-support, shared)
 * bounds how long Quarkus waits for such a request; its seeding is then marked FAILED by the next
 * one.
 */
@Singleton
public class SeedingShutdown {
  private static final Logger LOG = Logger.getLogger(SeedingShutdown.class);
  static final Duration RECORDING = Duration.ofSeconds(3);

  private final SeedingService seeding;

  public SeedingShutdown(SeedingService seeding) {
    this.seeding = seeding;
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    seeding.stop();
    if (!seeding.awaitIdle(RECORDING)) {
      LOG.warnf(
          "A seeding still waits on MongoDB %d s after the stop; the stop does not wait for it",
          RECORDING.toSeconds());
    }
  }
}
