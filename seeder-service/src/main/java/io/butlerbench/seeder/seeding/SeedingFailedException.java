package io.butlerbench.seeder.seeding;

import com.mongodb.MongoException;

/**
 * A seeding that failed after it began writing: what it wrote stays (every write is idempotent,
 * nothing is rolled back), and the answer says how much that was.
 */
public class SeedingFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SeedingSnapshot snapshot;
  private final long uncertain;
  private final boolean recorded;

  public SeedingFailedException(
      SeedingSnapshot snapshot, long uncertain, boolean recorded, RuntimeException cause) {
    super(describe(snapshot, uncertain, recorded, cause), cause);
    this.snapshot = snapshot;
    this.uncertain = uncertain;
    this.recorded = recorded;
  }

  public SeedingSnapshot snapshot() {
    return snapshot;
  }

  /** Documents of the batch that was being written when it failed: some may be stored. */
  public long uncertain() {
    return uncertain;
  }

  /** Whether the FAILED record is stored already (else it is written on the next request). */
  public boolean recorded() {
    return recorded;
  }

  /** A MongoDB failure is the store's, not the request's. */
  public boolean storeFailed() {
    return getCause() instanceof MongoException;
  }

  static String reason(RuntimeException cause) {
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    return (cause instanceof MongoException ? "MongoDB failed: " : "")
        + cause.getClass().getSimpleName()
        + (message.isEmpty() ? "" : ": " + message);
  }

  private static String describe(
      SeedingSnapshot snapshot, long uncertain, boolean recorded, RuntimeException cause) {
    return "Seeding "
        + snapshot.seedingId()
        + " failed after it wrote "
        + snapshot.digestsInserted()
        + " digests and "
        + snapshot.reviewReportsInserted()
        + " review reports of the "
        + snapshot.documentsPlanned()
        + " it planned"
        + (uncertain > 0
            ? " (up to " + uncertain + " more, of the batch being written, may be stored)"
            : "")
        + " ("
        + reason(cause)
        + "). Nothing is rolled back and nothing is doubled: the same request again tops up"
        + " only what is missing. Its record, GET /seedings/"
        + snapshot.seedingId()
        + ", "
        + (recorded
            ? "says FAILED."
            : "could not be marked FAILED yet and will be on the next request to the seeder.");
  }
}
