package io.butlerbench.seeder.seeding;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Keeps the floor as days pass. Off by default ({@code seeder.schedule.cron=off}); a run that
 * overlaps the previous one is skipped rather than queued.
 */
@Singleton
public class ScheduledTopUp {
  private static final Logger LOG = Logger.getLogger(ScheduledTopUp.class);

  private final SeedingTrigger trigger;

  public ScheduledTopUp(SeedingTrigger trigger) {
    this.trigger = trigger;
  }

  @Scheduled(
      identity = "seeding-top-up",
      cron = "${seeder.schedule.cron}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void topUp() {
    SeedingSnapshot snapshot = trigger.run(SeedingRequest.defaults(), "schedule");
    LOG.infof(
        "Scheduled top-up %s inserted %d digests and %d review reports",
        snapshot.seedingId(), snapshot.digestsInserted(), snapshot.reviewReportsInserted());
  }
}
