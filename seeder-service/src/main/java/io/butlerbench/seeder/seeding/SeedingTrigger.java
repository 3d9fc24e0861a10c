package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.SeederConfig;
import io.butlerbench.seeder.channel.ChannelRegistry;
import jakarta.inject.Singleton;

/** Validates a request against the configuration, runs the top-up and records its snapshot. */
@Singleton
public class SeedingTrigger {
  private final SeedingService seeding;
  private final SeedingHistory history;
  private final ChannelRegistry registry;
  private final SeederConfig config;

  public SeedingTrigger(
      SeedingService seeding,
      SeedingHistory history,
      ChannelRegistry registry,
      SeederConfig config) {
    this.seeding = seeding;
    this.history = history;
    this.registry = registry;
    this.config = config;
  }

  public SeedingSnapshot run(SeedingRequest request, String trigger) {
    SeedingPlan plan =
        SeedingPlan.from(
            request,
            registry::list,
            config.assignments(),
            config.windowDays(),
            config.minimumPerChannel(),
            config.seed(),
            trigger);
    SeedingSnapshot snapshot = seeding.seed(plan);
    history.save(snapshot);
    return snapshot;
  }
}
