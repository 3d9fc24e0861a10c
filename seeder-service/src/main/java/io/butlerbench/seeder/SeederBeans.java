package io.butlerbench.seeder;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.seeder.channel.ChannelRegistry;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.seeder.seeding.SeedingService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the plain-Java seeder logic to the shared database and clock, metrics and configuration.
 */
public class SeederBeans {

  @Produces
  @Singleton
  ChannelRegistry channelRegistry(MongoDatabase database, SeederConfig config, Clock clock) {
    return new ChannelRegistry(database, config.defaultChannels(), clock);
  }

  @Produces
  @Singleton
  SeedingService seedingService(
      MongoDatabase database, SeederConfig config, Clock clock, MeterRegistry meters) {
    return new SeedingService(
        database,
        new GeneratorSettings(
            config.defectShare(), config.llmModel(), config.judgeModel(), config.promptVersion()),
        clock,
        config.batchSize(),
        config.limits().maxStoredDocuments().orElse(Long.MAX_VALUE),
        meters);
  }
}
