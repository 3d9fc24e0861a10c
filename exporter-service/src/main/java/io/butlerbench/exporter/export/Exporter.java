package io.butlerbench.exporter.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.butlerbench.exporter.dataset.DatasetStore;
import io.butlerbench.exporter.dataset.Manifest;
import io.butlerbench.exporter.dataset.ValidationReport;
import io.butlerbench.exporter.dataset.ValidationReport.InvalidRecord;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.exporter.schema.Violation;
import io.butlerbench.service.logging.WorkLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads documents with a cursor and writes validated records as it reads, so memory stays flat
 * however large the collection; then publishes an immutable version named after its content.
 */
public class Exporter {
  /** Documents fetched per cursor round trip. */
  private static final int CURSOR_BATCH = 256;

  private final MongoDatabase database;
  private final DatasetStore store;
  private final RecordSchema schema;
  private final ObjectMapper json;
  private final Clock clock;
  private final long maxPartBytes;
  private final MeterRegistry meters;

  public Exporter(
      MongoDatabase database,
      DatasetStore store,
      RecordSchema schema,
      ObjectMapper json,
      Clock clock,
      long maxPartBytes,
      MeterRegistry meters) {
    this.database = database;
    this.store = store;
    this.schema = schema;
    this.json = json;
    this.clock = clock;
    this.maxPartBytes = maxPartBytes;
    this.meters = meters;
  }

  /**
   * What an export published: the version, whether it is new, whether {@code latest} names it once
   * the export is done, and its manifest.
   */
  public record Outcome(
      boolean created, boolean latest, Manifest manifest, ValidationReport report) {}

  public Outcome export(ExportPlan plan) {
    Timer.Sample timing = Timer.start(meters);
    // every line logged for this export carries its id and its dataset (MDC)
    Object previousExport = WorkLog.enter(WorkLog.EXPORT_ID, "export-" + UUID.randomUUID());
    Object previousDataset = WorkLog.enter(WorkLog.DATASET_ID, plan.source().datasetId());
    try {
      return publish(plan);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      WorkLog.leave(WorkLog.DATASET_ID, previousDataset);
      WorkLog.leave(WorkLog.EXPORT_ID, previousExport);
      timing.stop(
          Timer.builder("benchmark.export.duration")
              .description("Wall time of one export")
              .tag("exporter", plan.source().collection())
              .publishPercentileHistogram()
              .register(meters));
    }
  }

  private Outcome publish(ExportPlan plan) throws IOException {
    Instant until = clock.instant();
    Instant since = until.minus(Duration.ofHours(plan.windowHours()));
    String datasetId = plan.source().datasetId();
    Manifest.Filters filters =
        new Manifest.Filters(
            plan.source().collection(),
            plan.windowHours(),
            plan.channel(),
            plan.language(),
            plan.limit(),
            plan.invalidPolicy(),
            since,
            until);

    MessageDigest content = sha256();
    // the version names the selection rules and the records, not the moment of the export
    content.update(
        (RecordSchema.VERSION
                + "|"
                + filters.source()
                + "|"
                + filters.windowHours()
                + "|"
                + filters.channel()
                + "|"
                + filters.language()
                + "|"
                + filters.limit()
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    long checked = 0;
    long invalid = 0;
    List<InvalidRecord> listed = new ArrayList<>();
    try (DatasetStore.Staging staging = store.stage(datasetId)) {
      PartWriter parts = new PartWriter(staging, maxPartBytes);
      for (Document document : query(plan, since, until)) {
        checked++;
        JsonObject record =
            plan.source() == Source.DIGESTS
                ? RecordMapper.digest(document)
                : RecordMapper.review(document, plan.windowHours());
        String encoded = record.encode();
        List<Violation> violations = schema.validate(encoded);
        byte[] line = null;
        if (violations.isEmpty()) {
          line = (encoded + "\n").getBytes(StandardCharsets.UTF_8);
          if (!parts.fitsInEmptyPart(line.length)) {
            violations =
                List.of(
                    new Violation(
                        "max-part-bytes",
                        "/",
                        "record of "
                            + line.length
                            + " bytes cannot fit a part of "
                            + maxPartBytes
                            + " bytes"));
          }
        }
        if (!violations.isEmpty()) {
          invalid++;
          if (listed.size() < ValidationReport.MAX_LISTED) {
            listed.add(new InvalidRecord(checked, String.valueOf(document.get("_id")), violations));
          }
          continue;
        }
        if (!plan.failOnInvalid() || invalid == 0) {
          content.update(line);
          parts.write(line);
        }
      }
      ValidationReport report =
          new ValidationReport(
              RecordSchema.VERSION, checked, invalid, listed, invalid > listed.size());
      Counter.builder("exporter.records.rejected")
          .description("Records that broke the schema, per dataset")
          .tag("dataset", datasetId)
          .register(meters)
          .increment(invalid);
      if (checked == 0) {
        throw new ExportFailedException(
            "no-matching-documents",
            "No "
                + plan.source().collection()
                + " match: language "
                + plan.language()
                + ", created in the last "
                + plan.windowHours()
                + " h"
                + (plan.channel() == null ? "" : ", channel " + plan.channel())
                + ". Seed or widen window_hours; an empty dataset is never published.",
            null);
      }
      if (invalid > 0 && plan.failOnInvalid()) {
        throw new ExportFailedException(
            "invalid-records",
            invalid + " of " + checked + " records break the schema; nothing was published",
            report);
      }
      if (invalid == checked) {
        throw new ExportFailedException(
            "all-records-invalid",
            "All " + checked + " matching records break the schema; nothing was published",
            report);
      }
      List<Manifest.Part> written = parts.finish();
      long exported = written.stream().mapToLong(Manifest.Part::records).sum();
      String version = HexFormat.of().formatHex(content.digest()).substring(0, 20);
      Manifest manifest =
          new Manifest(
              datasetId,
              version,
              RecordSchema.VERSION,
              filters,
              until,
              exported,
              written,
              new Manifest.Validation("validation-report.json", checked, invalid));
      boolean created =
          staging.publish(
              version, json.writeValueAsBytes(manifest), json.writeValueAsBytes(report));
      Counter.builder("exporter.records.exported")
          .description("Records published, per dataset")
          .tag("dataset", datasetId)
          .register(meters)
          .increment(exported);
      if (!created) {
        // the same content was published before: answer with that version's own manifest
        manifest = json.readValue(store.manifest(datasetId, version).orElseThrow(), Manifest.class);
      }
      // the data was read as of `until`: records created later were not selected
      boolean latest = plan.canonical() && store.offerLatest(datasetId, version, until);
      return new Outcome(created, latest, manifest, report);
    }
  }

  private Iterable<Document> query(ExportPlan plan, Instant since, Instant until) {
    List<Bson> filters = new ArrayList<>();
    filters.add(Filters.eq("language", plan.language()));
    filters.add(Filters.gte("created_at", Date.from(since)));
    filters.add(Filters.lte("created_at", Date.from(until)));
    if (plan.channel() != null) {
      filters.add(Filters.eq(plan.source().channelField(), plan.channel()));
    }
    var cursor =
        database
            .getCollection(plan.source().collection())
            .find(Filters.and(filters))
            .sort(Sorts.ascending("_id"))
            .batchSize(CURSOR_BATCH);
    return plan.limit() == null ? cursor : cursor.limit(plan.limit());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
