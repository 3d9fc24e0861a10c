package io.butlerbench.seeder;

import io.butlerbench.seeder.channel.ChannelRegistry;
import io.butlerbench.seeder.content.GeneratorSettings;
import io.butlerbench.seeder.corpus.CorpusCollections;
import io.butlerbench.seeder.corpus.DigestRepository;
import io.butlerbench.seeder.corpus.ReviewReportRepository;
import io.butlerbench.seeder.seeding.SeedingMetrics;
import io.butlerbench.seeder.seeding.SeedingService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * Wires the plain-Java seeding logic to the shared database and clock, metrics and configuration.
 */
public class SeederBeans {

  /** The repositories' collections, for the bulk writes and id reads of seeding. */
  @Produces
  @Singleton
  CorpusCollections corpusCollections(
      DigestRepository digests, ReviewReportRepository reviewReports) {
    return new CorpusCollections(digests.mongoCollection(), reviewReports.mongoCollection());
  }

  @Produces
  @Singleton
  SeedingService seedingService(
      CorpusCollections collections,
      SeederConfig config,
      Clock clock,
      MeterRegistry meters,
      ChannelRegistry registry) {
    return new SeedingService(
        collections,
        new GeneratorSettings(
            config.defectShare(), config.llmModel(), config.judgeModel(), config.promptVersion()),
        clock,
        config.batchSize(),
        config.limits().maxStoredDocuments().orElse(Long.MAX_VALUE),
        new SeedingMetrics(meters, () -> registeredNames(registry, config)));
  }

  /** Channels in the registry and configured assignments: the names with a series of their own. */
  private static Set<String> registeredNames(ChannelRegistry registry, SeederConfig config) {
    Set<String> names = new HashSet<>(registry.list());
    names.addAll(config.assignments());
    return names;
  }
}
