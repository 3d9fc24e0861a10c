package io.butlerbench.seeder.channel;

import io.butlerbench.seeder.SeederConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * The channels seeding covers by default. The configured defaults are written on first use of an
 * empty registry and again on refresh; channels an operator removed stay removed until then.
 */
@ApplicationScoped
public class ChannelRegistry {
  private final ChannelRepository channels;
  private final List<String> defaults;
  private final Clock clock;
  private volatile boolean initialised;

  public ChannelRegistry(ChannelRepository channels, SeederConfig config, Clock clock) {
    this.channels = channels;
    this.defaults = List.copyOf(config.defaultChannels());
    this.clock = clock;
  }

  public List<String> list() {
    initialiseOnce();
    return channels.names();
  }

  /** Adds a channel; returns false when it was already registered. */
  public boolean add(String name) {
    initialiseOnce();
    return channels.addIfMissing(name, Channel.FROM_API, clock.instant());
  }

  /** Removes a channel; returns false when it was not registered. Its digests stay. */
  public boolean remove(String name) {
    initialiseOnce();
    return channels.deleteById(name);
  }

  /** Re-adds every configured default that is missing and returns the registry. */
  public List<String> refresh() {
    addDefaults();
    initialised = true;
    return list();
  }

  private void initialiseOnce() {
    if (!initialised) {
      if (channels.count() == 0) {
        addDefaults();
      }
      initialised = true;
    }
  }

  private void addDefaults() {
    for (String name : defaults) {
      channels.addIfMissing(name, Channel.FROM_CONFIG, clock.instant());
    }
  }
}
