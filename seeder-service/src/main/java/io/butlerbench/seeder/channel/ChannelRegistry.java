package io.butlerbench.seeder.channel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The channels seeding covers by default, kept in the {@code channels} collection ({@code _id} is
 * the name, so adding twice is harmless). The configured defaults are written on first use of an
 * empty registry and again on refresh; channels an operator removed stay removed until then.
 */
public class ChannelRegistry {
  private final MongoCollection<Document> channels;
  private final List<String> defaults;
  private final Clock clock;
  private volatile boolean initialised;

  public ChannelRegistry(MongoDatabase database, List<String> defaults, Clock clock) {
    this.channels = database.getCollection("channels");
    this.defaults = List.copyOf(defaults);
    this.clock = clock;
  }

  public List<String> list() {
    initialiseOnce();
    List<String> names = new ArrayList<>();
    for (Document channel : channels.find().sort(Sorts.ascending("_id"))) {
      names.add(channel.getString("_id"));
    }
    return names;
  }

  /** Adds a channel; returns false when it was already registered. */
  public boolean add(String name) {
    initialiseOnce();
    return upsert(name, "api");
  }

  /** Removes a channel; returns false when it was not registered. Its digests stay. */
  public boolean remove(String name) {
    initialiseOnce();
    return channels.deleteOne(Filters.eq("_id", name)).getDeletedCount() > 0;
  }

  /** Re-adds every configured default that is missing and returns the registry. */
  public List<String> refresh() {
    for (String name : defaults) {
      upsert(name, "config");
    }
    initialised = true;
    return list();
  }

  private void initialiseOnce() {
    if (!initialised) {
      if (channels.countDocuments() == 0) {
        for (String name : defaults) {
          upsert(name, "config");
        }
      }
      initialised = true;
    }
  }

  private boolean upsert(String name, String source) {
    return channels
            .updateOne(
                Filters.eq("_id", name),
                Updates.combine(
                    Updates.setOnInsert("source", source),
                    Updates.setOnInsert("added_at", Date.from(clock.instant()))),
                new UpdateOptions().upsert(true))
            .getUpsertedId()
        != null;
  }
}
