package io.butlerbench.exporter.export;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.exporter.schema.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the documents an export selects with a cursor, in id order, and hands each on as a JSONL
 * line checked against the record schema, one at a time: memory stays flat however large the
 * collection.
 *
 * <p>The documents are read as BSON documents, not through a typed codec, on purpose: {@link
 * RecordMapper} never throws on a malformed document, so a missing or mistyped field reaches the
 * schema and is reported with the record's id, where a codec would fail the whole export on it. No
 * document leaves this class.
 */
final class RecordPipeline {
  /** Documents fetched per cursor round trip. */
  private static final int CURSOR_BATCH = 256;

  private final MongoDatabase database;
  private final RecordSchema schema;
  private final long maxPartBytes;

  RecordPipeline(MongoDatabase database, RecordSchema schema, long maxPartBytes) {
    this.database = database;
    this.schema = schema;
    this.maxPartBytes = maxPartBytes;
  }

  /** One document, checked: its line (with the line break) when valid, else the rules it breaks. */
  record Checked(String documentId, byte[] line, List<Violation> violations) {
    boolean valid() {
      return violations.isEmpty();
    }
  }

  /** Receives the checked records in cursor order. */
  interface Sink {
    void accept(Checked record) throws IOException;
  }

  /** Every document the plan selects among those created within {@code [since, until]}. */
  void run(ExportPlan plan, Instant since, Instant until, Sink sink) throws IOException {
    try (MongoCursor<Document> cursor = query(plan, since, until).iterator()) {
      while (cursor.hasNext()) {
        sink.accept(check(plan, cursor.next()));
      }
    }
  }

  private Checked check(ExportPlan plan, Document document) {
    String id = String.valueOf(document.get(CorpusFields.ID));
    String encoded =
        (plan.source() == Source.DIGESTS
                ? RecordMapper.digest(document)
                : RecordMapper.review(document, plan.windowHours()))
            .encode();
    List<Violation> violations = schema.validate(encoded);
    if (!violations.isEmpty()) {
      return new Checked(id, null, violations);
    }
    byte[] line = (encoded + "\n").getBytes(StandardCharsets.UTF_8);
    if (!PartWriter.fitsInEmptyPart(line.length, maxPartBytes)) {
      return new Checked(
          id,
          null,
          List.of(
              new Violation(
                  "max-part-bytes",
                  "/",
                  "record of "
                      + line.length
                      + " bytes cannot fit a part of "
                      + maxPartBytes
                      + " bytes")));
    }
    return new Checked(id, line, List.of());
  }

  private FindIterable<Document> query(ExportPlan plan, Instant since, Instant until) {
    Source source = plan.source();
    List<Bson> filters = new ArrayList<>();
    filters.add(Filters.eq(source.languageField(), plan.language()));
    filters.add(Filters.gte(source.createdAtField(), Date.from(since)));
    filters.add(Filters.lte(source.createdAtField(), Date.from(until)));
    if (plan.channel() != null) {
      filters.add(Filters.eq(source.channelField(), plan.channel()));
    }
    FindIterable<Document> cursor =
        database
            .getCollection(source.collection())
            .find(Filters.and(filters))
            .sort(Sorts.ascending(CorpusFields.ID))
            .batchSize(CURSOR_BATCH);
    return plan.limit() == null ? cursor : cursor.limit(plan.limit());
  }
}
