package io.butlerbench.seeder.seeding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The seeder's Prometheus series: {@code seeder_documents_seeded_total} ({@code collection}, {@code
 * channel}) and {@code seeder_seeding_duration_seconds}.
 *
 * <p>A request may name any well-formed channel or assignment, and seeding covers it; but the name
 * is free text, so only registered names (the channels in the registry, the configured assignments)
 * get a series of their own. Any other is counted under {@link #UNREGISTERED}: an open /q/metrics
 * must not grow a series per name a request makes up.
 */
public class SeedingMetrics {
  /** The {@code channel} label of a channel or assignment that is not registered. */
  public static final String UNREGISTERED = "unregistered";

  private final MeterRegistry meters;
  private final Supplier<? extends Collection<String>> registered;
  private final Timer duration;

  /**
   * @param registered the channel and assignment names that get a series of their own; read once
   *     per seeding, as it starts
   */
  public SeedingMetrics(MeterRegistry meters, Supplier<? extends Collection<String>> registered) {
    this.meters = meters;
    this.registered = registered;
    this.duration =
        Timer.builder("seeder.seeding.duration")
            .description("Wall time of one seeding top-up")
            .publishPercentileHistogram()
            .register(meters);
  }

  /** The document counters of one seeding, labelled by the names registered now. */
  DocumentCounters documentCounters() {
    return new DocumentCounters(Set.copyOf(registered.get()));
  }

  void seedingTook(Duration wallTime) {
    duration.record(wallTime);
  }

  /** Counters of documents inserted, per collection and channel (or assignment). */
  final class DocumentCounters {
    private final Set<String> registeredNames;

    private DocumentCounters(Set<String> registeredNames) {
      this.registeredNames = registeredNames;
    }

    Counter of(String collection, String name) {
      return Counter.builder("seeder.documents.seeded")
          .description(
              "Documents inserted by seeding, per collection and registered channel (or"
                  + " configured assignment); any other name counts as channel=\"unregistered\"")
          .tag("collection", collection)
          .tag("channel", registeredNames.contains(name) ? name : UNREGISTERED)
          .register(meters);
    }
  }
}
