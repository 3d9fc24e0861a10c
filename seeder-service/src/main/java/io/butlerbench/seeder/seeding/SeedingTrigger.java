package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.SeederConfig;
import io.butlerbench.seeder.channel.ChannelRegistry;
import jakarta.inject.Singleton;

/** Validates a request against the configuration and its limits, and runs the top-up on record. */
@Singleton
public class SeedingTrigger {
  private final SeedingService seeding;
  private final SeedingHistory history;
  private final ChannelRegistry registry;
  private final SeederConfig config;
  private final SeedingLimits limits;

  public SeedingTrigger(
      SeedingService seeding,
      SeedingHistory history,
      ChannelRegistry registry,
      SeederConfig config) {
    this.seeding = seeding;
    this.history = history;
    this.registry = registry;
    this.config = config;
    this.limits =
        new SeedingLimits(
            config.limits().maxChannels(),
            config.limits().maxAssignments(),
            config.limits().maxDocumentsPerSeeding(),
            config.limits().maxStoredDocuments().orElse(Long.MAX_VALUE));
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
            trigger,
            limits);
    return seeding.seed(plan, history);
  }
}
