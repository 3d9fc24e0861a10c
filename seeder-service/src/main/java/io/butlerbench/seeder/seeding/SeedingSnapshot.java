package io.butlerbench.seeder.seeding;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** What one seeding found and left: per channel and per assignment, counts before and after. */
@RegisterForReflection
public record SeedingSnapshot(
    String seedingId,
    String trigger,
    Instant startedAt,
    Instant finishedAt,
    long durationMillis,
    int windowDays,
    int minimumPerChannel,
    long seed,
    Instant windowStart,
    Instant windowEnd,
    List<ChannelCoverage> channels,
    List<AssignmentCoverage> assignments,
    long digestsInserted,
    long reviewReportsInserted) {

  /** Daily (24 h) and weekly (168 h) digests of one channel inside the window. */
  @RegisterForReflection
  public record ChannelCoverage(
      String channel,
      long dailyBefore,
      long dailyAfter,
      long weeklyBefore,
      long weeklyAfter,
      long inserted) {}

  /** Review reports of one assignment inside the window. */
  @RegisterForReflection
  public record AssignmentCoverage(String assignmentId, long before, long after, long inserted) {}
}
