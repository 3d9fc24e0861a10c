package io.butlerbench.seeder.seeding;

import io.butlerbench.service.problem.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

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
  public static final String ASSIGNMENT = "[A-Za-z0-9_-]{1,64}";

  /**
   * Fills in the defaults and checks what depends on configuration: the rules of each field are
   * declared on {@link SeedingRequest} and checked before this ({@code @Valid} on the resource).
   * What stays here cannot be declared on one field: how many channels and assignments one seeding
   * may cover and how much it may write are configured limits ({@link SeedingLimits}), and the
   * registry's channels are read only when the request names none. Duplicate names are dropped,
   * keeping the first occurrence's order.
   */
  public static SeedingPlan from(
      SeedingRequest request,
      Supplier<List<String>> registryChannels,
      List<String> configuredAssignments,
      int defaultDays,
      int defaultMinimum,
      long defaultSeed,
      String trigger,
      SeedingLimits limits) {
    int days = request.windowDays() == null ? defaultDays : request.windowDays();
    int minimum =
        request.minimumPerChannel() == null ? defaultMinimum : request.minimumPerChannel();
    List<String> channels = request.channels();
    if (channels != null) {
      requireAtMost("channels", channels.size(), limits.maxChannels());
    } else {
      channels = registryChannels.get();
      if (channels.size() > limits.maxChannels()) {
        throw new InvalidRequestException(
            "channels",
            "max",
            "the channel registry lists "
                + channels.size()
                + " channels, over the "
                + limits.maxChannels()
                + " one seeding may cover: name at most "
                + limits.maxChannels()
                + " channels in the request, or remove some from the registry");
      }
    }
    List<String> assignments = request.assignments();
    if (assignments != null) {
      requireAtMost("assignments", assignments.size(), limits.maxAssignments());
    } else {
      assignments = configuredAssignments;
    }
    SeedingPlan plan =
        new SeedingPlan(
            List.copyOf(new LinkedHashSet<>(channels)),
            List.copyOf(new LinkedHashSet<>(assignments)),
            days,
            minimum,
            request.seed() == null ? defaultSeed : request.seed(),
            trigger);
    if (plan.documentsAtMost() > limits.maxDocumentsPerSeeding()) {
      throw new InvalidRequestException(
          "minimum_per_channel",
          "capacity",
          String.format(
              "this seeding may write up to %d documents (%d channels x (%d daily + %d weekly)"
                  + " + %d assignments x %d), over the %d one seeding may write (%s, set with the"
                  + " memory of the stack's MongoDB): lower minimum_per_channel or split the"
                  + " channels and assignments over several seedings",
              plan.documentsAtMost(),
              plan.channels().size(),
              minimum,
              plan.weeklyPerChannel(),
              plan.assignments().size(),
              minimum,
              limits.maxDocumentsPerSeeding(),
              SeedingLimits.MAX_DOCUMENTS_PER_SEEDING));
    }
    return plan;
  }

  private static void requireAtMost(String field, int size, int max) {
    if (size > max) {
      throw new InvalidRequestException(
          field,
          "max",
          field
              + " names "
              + size
              + ", over the "
              + max
              + " one seeding may cover: split them over several seedings");
    }
  }

  /** The most documents this plan can insert: the whole floor, as into an empty store. */
  public long documentsAtMost() {
    return (long) channels.size() * (minimumPerChannel + weeklyPerChannel())
        + (long) assignments.size() * minimumPerChannel;
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
