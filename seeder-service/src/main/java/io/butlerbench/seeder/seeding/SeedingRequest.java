package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.channel.ChannelName;
import io.butlerbench.service.problem.ConstraintViolations;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /seedings}. Every field is optional: {@code null} means "use the
 * configuration" (the channel registry, the configured assignments, 30 days, 30 per channel, seed
 * 42). The rules of each field are declared here; how many channels and assignments one seeding may
 * cover, and how much it may write, are configured and checked by {@link SeedingPlan#from}.
 */
@RegisterForReflection
@Schema(description = "What to top up; every field left out comes from the configuration")
public record SeedingRequest(
    @Schema(
            description = "Channels to cover; left out: the channel registry",
            minItems = 1,
            example = "[\"@tech_ru\"]")
        @Size(min = 1, payload = ConstraintViolations.NotEmptyList.class, message = NO_CHANNELS)
        List<
                @NotNull(message = NULL_CHANNEL)
                @Pattern(regexp = ChannelName.REGEX, message = NOT_A_CHANNEL) String>
            channels,
    @Schema(
            description =
                "Assignments whose review reports to cover; left out: the configured ones",
            example = "[\"hw02_rest_api\"]")
        List<
                @NotNull(message = NULL_ASSIGNMENT)
                @Pattern(regexp = SeedingPlan.ASSIGNMENT, message = NOT_AN_ASSIGNMENT) String>
            assignments,
    @Schema(description = "Days back from today the floor covers", example = "30")
        @Min(value = 1, message = WINDOW_DAYS)
        @Max(value = SeedingPlan.MAX_WINDOW_DAYS, message = WINDOW_DAYS)
        Integer windowDays,
    @Schema(description = "Daily digests per channel, and reports per assignment", example = "30")
        @Min(value = 1, message = MINIMUM)
        @Max(value = SeedingPlan.MAX_MINIMUM, message = MINIMUM)
        Integer minimumPerChannel,
    @Schema(description = "Generator seed: same seed, same documents", example = "42") Long seed) {

  static final String NO_CHANNELS = "channels must name at least one channel, or be left out";
  static final String NULL_CHANNEL = "channels holds null: name a channel, e.g. @tech_ru";
  static final String NOT_A_CHANNEL =
      "'${validatedValue}' is not a channel name: expected " + ChannelName.RULE;
  static final String NULL_ASSIGNMENT = "assignments holds null: name an assignment id";
  static final String NOT_AN_ASSIGNMENT =
      "'${validatedValue}' is not an assignment id: expected 1-64 of [A-Za-z0-9_-]";
  static final String WINDOW_DAYS =
      "window_days must be within 1-" + SeedingPlan.MAX_WINDOW_DAYS + ", was ${validatedValue}";
  static final String MINIMUM =
      "minimum_per_channel must be within 1-" + SeedingPlan.MAX_MINIMUM + ", was ${validatedValue}";

  public static SeedingRequest defaults() {
    return new SeedingRequest(null, null, null, null, null);
  }
}
