package io.butlerbench.seeder.corpus;

import com.mongodb.MongoClientSettings;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWrapper;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * A generated record as MongoDB stores it: through the driver's codecs, read back as a document.
 */
public final class AsStored {
  private AsStored() {}

  public static Document document(Record generated) {
    BsonDocument bson =
        BsonDocumentWrapper.asBsonDocument(
            generated, MongoClientSettings.getDefaultCodecRegistry());
    return new DocumentCodec().decode(bson.asBsonReader(), DecoderContext.builder().build());
  }
}
