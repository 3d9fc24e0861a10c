package io.butlerbench.seeder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.seeder.channel.ChannelRegistry;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.seeder.seeding.SeedingService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the plain-Java seeder logic to Quarkus' MongoDB client, metrics and configuration. */
public class SeederBeans {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  MongoDatabase database(
      MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String name) {
    return client.getDatabase(name);
  }

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
        meters);
  }
}
