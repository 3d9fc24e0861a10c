package io.butlerbench.seeder.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.MongoClientSettings;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import org.bson.BsonDocumentWrapper;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

/**
 * The bytes MongoDB stores for generated digests and review reports are pinned. They were taken
 * from the generator as it wrote {@code org.bson.Document}s, before its output became typed
 * records: same seed, same bytes, so exports (content-addressed) of data seeded before and after
 * are the same. A change to the content or the shape of what is stored changes this hash on
 * purpose, in the same commit.
 */
class StoredBytesTest {
  static final String PINNED = "59dcbb45ed6b566f784b189f10e8b9ba34db35aa5f70d25948df6780ab7d7a12";

  @Test
  void generatedDocumentsAreStoredAsTheyAlwaysWere() throws NoSuchAlgorithmException {
    GeneratorSettings settings =
        new GeneratorSettings(0.2, "qwen-7b", "gpt-4o", "benchmark-2025-11-v1");
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    LocalDate today = LocalDate.parse("2026-11-28");
    DigestGenerator digests = new DigestGenerator(settings);
    ReviewReportGenerator reports = new ReviewReportGenerator(settings);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 200; i++) {
      LocalDate day = today.minusDays(i % 40);
      add(sha, digests.generate("@tech_ru", day, i % 3 == 0 ? 168 : 24, i, now, 42));
      add(sha, reports.generate("hw02_rest_api", day, i, now, 42));
    }
    assertEquals(PINNED, HexFormat.of().formatHex(sha.digest()));
  }

  private static void add(MessageDigest sha, Record generated) {
    RawBsonDocument stored =
        new RawBsonDocument(
            BsonDocumentWrapper.asBsonDocument(
                generated, MongoClientSettings.getDefaultCodecRegistry()),
            new BsonDocumentCodec());
    byte[] bytes = new byte[stored.getByteBuffer().remaining()];
    stored.getByteBuffer().get(bytes);
    sha.update(bytes);
  }
}
