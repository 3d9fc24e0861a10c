package io.butlerbench.exporter.export;

import io.butlerbench.service.problem.ConstraintViolations;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /exports}. Only {@code source} is required ({@code digests} or {@code
 * review_reports}); {@code window_hours} looks back from now (default 24; 168 for a weekly
 * dataset); {@code channel} narrows to one channel (or assignment, for reviews); {@code
 * invalid_policy} is {@code skip} (default: skip and report) or {@code fail}. The rules of each
 * field are declared here and checked by {@code @Valid} on the resource.
 */
@RegisterForReflection
public record ExportRequest(
    @NotNull(message = "source is required: digests or review_reports")
        @Pattern(
            regexp = "digests|review_reports",
            payload = ConstraintViolations.Enum.class,
            message = "source must be digests or review_reports, was '${validatedValue}'")
        @Schema(
            required = true,
            description = "The collection to export",
            enumeration = {"digests", "review_reports"})
        String source,
    @Min(value = 1, message = WINDOW_HOURS)
        @Max(value = ExportPlan.MAX_WINDOW_HOURS, message = WINDOW_HOURS)
        @Schema(description = "Hours to look back from now", defaultValue = "24")
        Integer windowHours,
    @Pattern(
            regexp = "@?[A-Za-z0-9_-]{1,64}",
            message =
                "channel must be a channel (@name) or an assignment id of [A-Za-z0-9_-], was"
                    + " '${validatedValue}'")
        @Schema(description = "Only this channel (digests) or assignment (review reports)")
        String channel,
    @Pattern(
            regexp = "[a-z]{2}",
            message = "language must be a two-letter code such as ru, was '${validatedValue}'")
        @Schema(defaultValue = "ru")
        String language,
    @Min(value = 1, message = LIMIT)
        @Max(value = ExportPlan.MAX_LIMIT, message = LIMIT)
        @Schema(description = "At most this many records (documents in id order)")
        Integer limit,
    @Pattern(
            regexp = "skip|fail",
            payload = ConstraintViolations.Enum.class,
            message = "invalid_policy must be skip or fail, was '${validatedValue}'")
        @Schema(
            description =
                "skip: publish the valid records and report the others; fail: publish"
                    + " nothing when any record is invalid",
            enumeration = {"skip", "fail"},
            defaultValue = "skip")
        String invalidPolicy) {

  static final String WINDOW_HOURS =
      "window_hours must be within 1-" + ExportPlan.MAX_WINDOW_HOURS + ", was ${validatedValue}";
  static final String LIMIT =
      "limit must be within 1-" + ExportPlan.MAX_LIMIT + ", was ${validatedValue}";
}
