package io.butlerbench.seeder.channel;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

/**
 * A registered channel, as stored in {@code channels}: the name is the id, so adding twice is
 * harmless.
 *
 * @param source who added it: {@link #FROM_CONFIG} or {@link #FROM_API}
 */
@MongoEntity(collection = Channel.COLLECTION)
@RegisterForReflection
public record Channel(
    @BsonId String name,
    @BsonProperty(Channel.SOURCE) String source,
    @BsonProperty(Channel.ADDED_AT) Instant addedAt) {

  public static final String COLLECTION = "channels";
  public static final String SOURCE = "source";
  public static final String ADDED_AT = "added_at";
  public static final String FROM_CONFIG = "config";
  public static final String FROM_API = "api";
}
