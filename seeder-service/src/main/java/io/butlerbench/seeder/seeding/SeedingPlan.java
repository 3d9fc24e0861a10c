package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.channel.ChannelName;
import io.butlerbench.service.problem.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** A validated seeding request with every default filled in. */
public record SeedingPlan(
    List<String> channels,
    List<String> assignments,
    int windowDays,
    int minimumPerChannel,
    long seed,
    String trigger) {

  public static final int MAX_WINDOW_DAYS = 365;
  public static final int MAX_MINIMUM = 10_000;
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * Validates the request field by field; the first broken rule becomes a 400 naming the field.
   * Duplicate names are dropped, keeping the first occurrence's order.
   */
  public static SeedingPlan from(
      SeedingRequest request,
      Supplier<List<String>> registryChannels,
      List<String> configuredAssignments,
      int defaultDays,
      int defaultMinimum,
      long defaultSeed,
      String trigger) {
    int days = request.windowDays() == null ? defaultDays : request.windowDays();
    if (days < 1 || days > MAX_WINDOW_DAYS) {
      throw new InvalidRequestException(
          "window_days", "range", "window_days must be within 1-365, was " + days);
    }
    int minimum =
        request.minimumPerChannel() == null ? defaultMinimum : request.minimumPerChannel();
    if (minimum < 1 || minimum > MAX_MINIMUM) {
      throw new InvalidRequestException(
          "minimum_per_channel",
          "range",
          "minimum_per_channel must be within 1-10000, was " + minimum);
    }
    List<String> channels = request.channels();
    if (channels != null) {
      if (channels.isEmpty()) {
        throw new InvalidRequestException(
            "channels", "not-empty", "channels must name at least one channel, or be left out");
      }
      for (int i = 0; i < channels.size(); i++) {
        ChannelName.require(channels.get(i), "channels[" + i + "]");
      }
    } else {
      channels = registryChannels.get();
    }
    List<String> assignments = request.assignments();
    if (assignments != null) {
      for (int i = 0; i < assignments.size(); i++) {
        String id = assignments.get(i);
        if (id == null || !ASSIGNMENT.matcher(id).matches()) {
          throw new InvalidRequestException(
              "assignments[" + i + "]",
              "pattern",
              "'" + id + "' is not an assignment id: expected 1-64 of [A-Za-z0-9_-]");
        }
      }
    } else {
      assignments = configuredAssignments;
    }
    return new SeedingPlan(
        List.copyOf(new LinkedHashSet<>(channels)),
        List.copyOf(new LinkedHashSet<>(assignments)),
        days,
        minimum,
        request.seed() == null ? defaultSeed : request.seed(),
        trigger);
  }

  /** Weekly digests per channel: one for every started week of the window. */
  public int weeklyPerChannel() {
    return (windowDays + 6) / 7;
  }

  /** Daily digests (or reports) per day so that the window holds at least the minimum. */
  public int slotsPerDay() {
    return (minimumPerChannel + windowDays - 1) / windowDays;
  }
}
