package io.butlerbench.seeder;

import com.mongodb.MongoException;
import io.butlerbench.seeder.corpus.CorpusCollections;
import io.butlerbench.seeder.seeding.SeedingRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Creates every index the seeder declares ({@link io.butlerbench.seeder.corpus.Corpus}, {@link
 * SeedingRepository}) when it starts. The service also starts while MongoDB is down (and says so on
 * readiness); then they are created before the first seeding writes.
 */
@Singleton
public class IndexesAtStart {
  private static final Logger LOG = Logger.getLogger(IndexesAtStart.class);

  void onStart(@Observes StartupEvent event, CorpusCollections corpus, SeedingRepository seedings) {
    try {
      corpus.createIndexes();
      seedings.createIndexes();
    } catch (MongoException e) {
      LOG.warnf(
          "MongoDB is unreachable at start (%s); the indexes are created before the first"
              + " seeding",
          e.getMessage());
    }
  }
}
