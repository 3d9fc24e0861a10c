package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.corpus.CorpusCollections;
import io.butlerbench.service.problem.InvalidRequestException;

/** The store's capacity, checked before the first write: a 400 naming the limit. */
final class StoreCapacity {
  private final CorpusCollections collections;
  private final long maxStoredDocuments;

  /**
   * @param maxStoredDocuments digests plus review reports the store may hold after a seeding
   *     ({@link Long#MAX_VALUE}: no limit)
   */
  StoreCapacity(CorpusCollections collections, long maxStoredDocuments) {
    this.collections = collections;
    this.maxStoredDocuments = maxStoredDocuments;
  }

  void requireRoomFor(long planned) {
    if (planned == 0 || maxStoredDocuments == Long.MAX_VALUE) {
      return;
    }
    long stored = collections.estimatedCount();
    if (stored + planned > maxStoredDocuments) {
      throw new InvalidRequestException(
          "minimum_per_channel",
          "capacity",
          String.format(
              "this seeding would add %d documents to the %d digests and review reports stored,"
                  + " over the %d the store holds (%s, set with the memory of the stack's"
                  + " MongoDB): lower minimum_per_channel or the number of channels and"
                  + " assignments, or start from fresh data",
              planned, stored, maxStoredDocuments, SeedingLimits.MAX_STORED_DOCUMENTS));
    }
  }
}
