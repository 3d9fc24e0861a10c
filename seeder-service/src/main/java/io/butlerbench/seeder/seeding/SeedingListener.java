package io.butlerbench.seeder.seeding;

/**
 * Told where a seeding is, so that it leaves a record from its first write on. Called on the
 * seeding's thread; an exception from {@link #started} stops the seeding before it writes.
 */
public interface SeedingListener {
  /** Planned and checked; about to write the first document. */
  void started(SeedingSnapshot running);

  /** Another batch is stored. */
  void progressed(SeedingSnapshot running);

  void completed(SeedingSnapshot completed);

  /** Returns whether the failure could be recorded now. */
  boolean failed(SeedingSnapshot failed);

  SeedingListener NONE =
      new SeedingListener() {
        @Override
        public void started(SeedingSnapshot running) {}

        @Override
        public void progressed(SeedingSnapshot running) {}

        @Override
        public void completed(SeedingSnapshot completed) {}

        @Override
        public boolean failed(SeedingSnapshot failed) {
          return false;
        }
      };
}
