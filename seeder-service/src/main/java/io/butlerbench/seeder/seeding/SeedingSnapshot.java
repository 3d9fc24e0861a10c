package io.butlerbench.seeder.seeding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one seeding found and left: per channel and per assignment, counts before and after. Kept
 * from the moment the seeding starts writing: RUNNING with the counts written so far, then
 * COMPLETED, or FAILED with the counts written before the failure and the reason. The "after"
 * counts are recounted from the store when the seeding completes and are null until then.
 *
 * <p>The same record is the API's answer (Jackson, snake_case) and the stored document of {@code
 * seedings} (BSON, the same snake_case names, the id as {@code _id}).
 */
@MongoEntity(collection = SeedingRepository.COLLECTION)
@RegisterForReflection
@Schema(description = "One seeding: what it planned, found and wrote, per channel and assignment")
public record SeedingSnapshot(
    @Schema(example = "seeding-5b0e6c1e-3f0a-4a9e-9d1e-2f6f3c1b7a10") @BsonId String seedingId,
    @Schema(description = "Who asked: api:<token subject>, or schedule", example = "api:alice")
        @BsonProperty("trigger")
        String trigger,
    @BsonProperty(SeedingSnapshot.STATUS) Status status,
    @BsonProperty(SeedingSnapshot.STARTED_AT) Instant startedAt,
    @Schema(description = "Null while RUNNING") @BsonProperty("finished_at") Instant finishedAt,
    @BsonProperty("duration_millis") long durationMillis,
    @BsonProperty("window_days") int windowDays,
    @BsonProperty("minimum_per_channel") int minimumPerChannel,
    @BsonProperty("seed") long seed,
    @Schema(description = "Start of the first day of the window, UTC") @BsonProperty("window_start")
        Instant windowStart,
    @Schema(description = "When the seeding started: the window ends there")
        @BsonProperty("window_end")
        Instant windowEnd,
    @BsonProperty("channels") List<ChannelCoverage> channels,
    @BsonProperty("assignments") List<AssignmentCoverage> assignments,
    @Schema(description = "Documents the plan found missing") @BsonProperty("documents_planned")
        long documentsPlanned,
    @BsonProperty("digests_inserted") long digestsInserted,
    @BsonProperty("review_reports_inserted") long reviewReportsInserted,
    @Schema(description = "Why a FAILED seeding failed; absent otherwise")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @BsonProperty(SeedingSnapshot.ERROR)
        String error) {

  static final String STATUS = "status";
  static final String STARTED_AT = "started_at";
  static final String ERROR = "error";

  /** Where a seeding is. */
  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED
  }

  /** Daily (24 h) and weekly (168 h) digests of one channel inside the window. */
  @RegisterForReflection
  @Schema(description = "Daily and weekly digests of one channel inside the window")
  public record ChannelCoverage(
      @BsonProperty("channel") String channel,
      @BsonProperty("daily_before") long dailyBefore,
      @Schema(description = "Recounted when the seeding completes; null before")
          @BsonProperty("daily_after")
          Long dailyAfter,
      @BsonProperty("weekly_before") long weeklyBefore,
      @Schema(description = "Recounted when the seeding completes; null before")
          @BsonProperty("weekly_after")
          Long weeklyAfter,
      @BsonProperty("inserted") long inserted) {}

  /** Review reports of one assignment inside the window. */
  @RegisterForReflection
  @Schema(description = "Review reports of one assignment inside the window")
  public record AssignmentCoverage(
      @BsonProperty("assignment_id") String assignmentId,
      @BsonProperty("before") long before,
      @Schema(description = "Recounted when the seeding completes; null before")
          @BsonProperty("after")
          Long after,
      @BsonProperty("inserted") long inserted) {}
}
