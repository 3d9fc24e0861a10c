package io.butlerbench.seeder.seeding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * What one seeding found and left: per channel and per assignment, counts before and after. Kept
 * from the moment the seeding starts writing: RUNNING with the counts written so far, then
 * COMPLETED, or FAILED with the counts written before the failure and the reason. The "after"
 * counts are recounted from the store when the seeding completes and are null until then.
 */
@RegisterForReflection
public record SeedingSnapshot(
    String seedingId,
    String trigger,
    Status status,
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
    long documentsPlanned,
    long digestsInserted,
    long reviewReportsInserted,
    @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

  /** Where a seeding is. */
  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED
  }

  /** Daily (24 h) and weekly (168 h) digests of one channel inside the window. */
  @RegisterForReflection
  public record ChannelCoverage(
      String channel,
      long dailyBefore,
      Long dailyAfter,
      long weeklyBefore,
      Long weeklyAfter,
      long inserted) {}

  /** Review reports of one assignment inside the window. */
  @RegisterForReflection
  public record AssignmentCoverage(String assignmentId, long before, Long after, long inserted) {}
}
