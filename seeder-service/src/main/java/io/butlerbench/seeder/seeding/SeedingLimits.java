package io.butlerbench.seeder.seeding;

/**
 * What one seeding may ask for. The local stack sets the document limits together with the embedded
 * MongoDB's memory (deploy/local/run.sh); production leaves the store unbounded.
 *
 * @param maxChannels channels per seeding (request or registry)
 * @param maxAssignments assignments per seeding
 * @param maxDocumentsPerSeeding documents one seeding may plan: it answers synchronously, so this
 *     bounds how long a request holds its thread and connection
 * @param maxStoredDocuments digests plus review reports the store may hold after a seeding; {@link
 *     Long#MAX_VALUE} for no limit
 */
public record SeedingLimits(
    int maxChannels, int maxAssignments, long maxDocumentsPerSeeding, long maxStoredDocuments) {

  /** No limit but the API's own (for tests and benchmarks of the logic). */
  public static final SeedingLimits NONE =
      new SeedingLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

  public static final String MAX_DOCUMENTS_PER_SEEDING = "seeder.limits.max-documents-per-seeding";
  public static final String MAX_STORED_DOCUMENTS = "seeder.limits.max-stored-documents";
}
