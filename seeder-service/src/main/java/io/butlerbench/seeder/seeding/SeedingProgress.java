package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.corpus.Corpus;
import io.butlerbench.seeder.corpus.CorpusCoverage;
import io.butlerbench.seeder.seeding.SeedingSnapshot.AssignmentCoverage;
import io.butlerbench.seeder.seeding.SeedingSnapshot.ChannelCoverage;
import io.butlerbench.seeder.seeding.SeedingSnapshot.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A seeding's counts as they stand, as snapshots. */
final class SeedingProgress {
  private final String seedingId;
  private final SeedingPlan plan;
  private final Instant startedAt;
  private final long startNanos;
  private final Instant windowStart;
  private final List<TopUpTarget> targets;
  private final long planned;

  /** Documents of the batch whose insert failed: some of them may be stored. */
  long uncertain;

  SeedingProgress(
      String seedingId,
      SeedingPlan plan,
      Instant startedAt,
      long startNanos,
      Instant windowStart,
      List<TopUpTarget> targets) {
    this.seedingId = seedingId;
    this.plan = plan;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    this.windowStart = windowStart;
    this.targets = targets;
    this.planned = planned(targets);
  }

  static long planned(List<TopUpTarget> targets) {
    return targets.stream().mapToLong(t -> t.missing.size()).sum();
  }

  SeedingSnapshot snapshot(Status status, String error) {
    return snapshot(status, error, null, null);
  }

  /**
   * @param digestsAfter digests in the window per channel and window, recounted
   * @param reportsAfter review reports in the window per assignment, recounted
   */
  SeedingSnapshot completed(Map<String, Long> digestsAfter, Map<String, Long> reportsAfter) {
    return snapshot(Status.COMPLETED, null, digestsAfter, reportsAfter);
  }

  private SeedingSnapshot snapshot(
      Status status, String error, Map<String, Long> digestsAfter, Map<String, Long> reportsAfter) {
    long elapsedNanos = System.nanoTime() - startNanos;
    List<ChannelCoverage> channels = new ArrayList<>();
    List<AssignmentCoverage> assignments = new ArrayList<>();
    long digestsInserted = 0;
    long reportsInserted = 0;
    for (TopUpTarget target : targets) {
      if (target.corpus == Corpus.DIGESTS) {
        digestsInserted += target.inserted;
        channels.add(
            new ChannelCoverage(
                target.name,
                target.before,
                after(digestsAfter, target.name + CorpusCoverage.DAILY),
                target.weeklyBefore,
                after(digestsAfter, target.name + CorpusCoverage.WEEKLY),
                target.inserted));
      } else {
        reportsInserted += target.inserted;
        assignments.add(
            new AssignmentCoverage(
                target.name, target.before, after(reportsAfter, target.name), target.inserted));
      }
    }
    return new SeedingSnapshot(
        seedingId,
        plan.trigger(),
        status,
        startedAt,
        status == Status.RUNNING ? null : startedAt.plusNanos(elapsedNanos),
        elapsedNanos / 1_000_000,
        plan.windowDays(),
        plan.minimumPerChannel(),
        plan.seed(),
        windowStart,
        startedAt,
        channels,
        assignments,
        planned,
        digestsInserted,
        reportsInserted,
        error);
  }

  private static Long after(Map<String, Long> counts, String key) {
    return counts == null ? null : counts.getOrDefault(key, 0L);
  }
}
