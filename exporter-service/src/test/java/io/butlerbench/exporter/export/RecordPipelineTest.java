package io.butlerbench.exporter.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.exporter.Fixtures;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.testing.MongoServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cursor and the checks, against a real wire-protocol MongoDB. */
class RecordPipelineTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final RecordSchema SCHEMA = RecordSchema.load();

  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();

  MongoDatabase database;

  @BeforeEach
  void fresh() {
    database = MONGO.freshDatabase();
  }

  List<RecordPipeline.Checked> run(long maxPartBytes, String channel) throws IOException {
    List<RecordPipeline.Checked> checked = new ArrayList<>();
    new RecordPipeline(database, SCHEMA, maxPartBytes)
        .run(
            ExportPlan.from(new ExportRequest("digests", 24, channel, null, null, null)),
            NOW.minusSeconds(24 * 3600),
            NOW,
            checked::add);
    return checked;
  }

  @Test
  void everySelectedDocumentComesOutCheckedInIdOrderAndABrokenOneDoesNotStopIt()
      throws IOException {
    Document broken = Fixtures.digest("b", "@tech_ru", NOW.minusSeconds(60), 3, 0);
    broken.remove("summary_markdown");
    Document valid = Fixtures.digest("a", "@tech_ru", NOW.minusSeconds(120), 3, 0);
    database
        .getCollection("digests")
        .insertMany(
            List.of(
                Fixtures.digest("c", "@tech_ru", NOW.minusSeconds(30), 3, 0),
                broken,
                valid,
                Fixtures.digest("other", "@other", NOW.minusSeconds(30), 3, 0),
                Fixtures.digest("old", "@tech_ru", NOW.minusSeconds(25 * 3600), 3, 0)));

    List<RecordPipeline.Checked> checked = run(500 * 1024, "@tech_ru");

    assertEquals(List.of("a", "b", "c"), checked.stream().map(c -> c.documentId()).toList());
    assertArrayEquals(
        (RecordMapper.digest(valid).encode() + "\n").getBytes(StandardCharsets.UTF_8),
        checked.get(0).line());
    assertEquals(List.of(), checked.get(0).violations());
    assertNull(checked.get(1).line());
    assertEquals("required", checked.get(1).violations().get(0).rule());
    assertEquals("/summary_markdown", checked.get(1).violations().get(0).location());
  }

  @Test
  void aRecordTooLargeForAnyPartIsInvalidNotFatal() throws IOException {
    database
        .getCollection("digests")
        .insertOne(Fixtures.digest("huge", "@tech_ru", NOW.minusSeconds(60), 4, 400));

    RecordPipeline.Checked checked = run(4 * 1024, null).get(0);

    assertNull(checked.line());
    assertEquals("max-part-bytes", checked.violations().get(0).rule());
    assertEquals("/", checked.violations().get(0).location());
  }
}
