package io.butlerbench.seeder.corpus;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code review_reports} collection, typed. Seeding writes through its collection in bulk
 * ({@link CorpusCollections}); its indexes are declared on {@link Corpus#REVIEW_REPORTS}.
 */
@ApplicationScoped
public class ReviewReportRepository
    implements PanacheMongoRepositoryBase<StoredReviewReport, String> {}
