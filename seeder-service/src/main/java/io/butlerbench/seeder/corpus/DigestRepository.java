package io.butlerbench.seeder.corpus;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code digests} collection, typed. Seeding writes through its collection in bulk ({@link
 * CorpusCollections}); its indexes are declared on {@link Corpus#DIGESTS}.
 */
@ApplicationScoped
public class DigestRepository implements PanacheMongoRepositoryBase<StoredDigest, String> {}
