package io.butlerbench.seeder.seeding;

import java.time.Instant;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecProvider;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Instants are stored as BSON dates, as the driver stores them; this one also reads the ISO-8601
 * strings that {@code seedings} records held before they were typed (they were written through
 * JSON), so that the history of a store seeded before stays readable. Quarkus puts the
 * application's codec providers ahead of the driver's.
 */
public class InstantCodecProvider implements CodecProvider {
  @Override
  @SuppressWarnings("unchecked") // the codec is for exactly the class asked for
  public <T> Codec<T> get(Class<T> type, CodecRegistry registry) {
    return type == Instant.class ? (Codec<T>) new DateOrIsoStringCodec() : null;
  }

  private static final class DateOrIsoStringCodec implements Codec<Instant> {
    @Override
    public void encode(BsonWriter writer, Instant value, EncoderContext context) {
      writer.writeDateTime(value.toEpochMilli());
    }

    @Override
    public Instant decode(BsonReader reader, DecoderContext context) {
      return reader.getCurrentBsonType() == BsonType.STRING
          ? Instant.parse(reader.readString())
          : Instant.ofEpochMilli(reader.readDateTime());
    }

    @Override
    public Class<Instant> getEncoderClass() {
      return Instant.class;
    }
  }
}
