package io.butlerbench.seeder.seeding;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Body of {@code POST /seedings}. Every field is optional: {@code null} means "use the
 * configuration" (the channel registry, the configured assignments, 30 days, 30 per channel, seed
 * 42).
 */
@RegisterForReflection
public record SeedingRequest(
    List<String> channels,
    List<String> assignments,
    Integer windowDays,
    Integer minimumPerChannel,
    Long seed) {

  public static SeedingRequest defaults() {
    return new SeedingRequest(null, null, null, null, null);
  }
}
