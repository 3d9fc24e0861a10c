package io.butlerbench.seeder.channel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The {@code channels} collection. Its only index is {@code _id}, the name. */
@ApplicationScoped
public class ChannelRepository implements PanacheMongoRepositoryBase<Channel, String> {

  /** Every registered name, sorted. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (Channel channel : mongoCollection().find().sort(Sorts.ascending("_id"))) {
      names.add(channel.name());
    }
    return names;
  }

  /** Registers {@code name} unless it is registered already; returns whether it was added. */
  public boolean addIfMissing(String name, String source, Instant now) {
    // one atomic upsert: two concurrent adds of one name insert it once and both see the outcome
    return mongoCollection()
            .updateOne(
                Filters.eq("_id", name),
                Updates.combine(
                    Updates.setOnInsert(Channel.SOURCE, source),
                    Updates.setOnInsert(Channel.ADDED_AT, Date.from(now))),
                new UpdateOptions().upsert(true))
            .getUpsertedId()
        != null;
  }
}
