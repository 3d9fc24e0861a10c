package io.butlerbench.exporter.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.exporter.dataset.DatasetReader;
import io.butlerbench.exporter.dataset.DatasetStore;
import io.butlerbench.exporter.dataset.ValidationReport;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.service.logging.WorkLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Publishes a dataset version: the {@link RecordPipeline} reads and checks the records, the {@link
 * InvalidRecordPolicy} decides which are published and whether anything is, the {@link PartWriter}
 * writes them into gzip parts as they come, and the {@link ContentAddress} names the version after
 * its content. The version is staged and published all at once, or not at all.
 */
public class Exporter {
  private final RecordPipeline pipeline;
  private final DatasetStore store;
  private final DatasetReader reader;
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
    this.pipeline = new RecordPipeline(database, schema, maxPartBytes);
    this.store = store;
    this.reader = new DatasetReader(store, json);
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
      boolean created, boolean latest, DatasetManifest manifest, ValidationReport report) {}

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
    DatasetManifest.Filters filters =
        new DatasetManifest.Filters(
            plan.source().collection(),
            plan.windowHours(),
            plan.channel(),
            plan.language(),
            plan.limit(),
            plan.invalidPolicy(),
            since,
            until);
    ContentAddress address = new ContentAddress(filters);
    InvalidRecordPolicy policy = new InvalidRecordPolicy(plan);
    try (DatasetStore.Staging staging = store.stage(datasetId)) {
      PartWriter parts = new PartWriter(staging, maxPartBytes);
      pipeline.run(
          plan,
          since,
          until,
          record -> {
            if (policy.publishes(record)) {
              address.add(record.line());
              parts.write(record.line());
            }
          });
      ValidationReport report = policy.report();
      Counter.builder("exporter.records.rejected")
          .description("Records that broke the schema, per dataset")
          .tag("dataset", datasetId)
          .register(meters)
          .increment(report.invalid());
      policy.requirePublishable();

      List<DatasetManifest.Part> written = parts.finish();
      long exported = written.stream().mapToLong(DatasetManifest.Part::records).sum();
      String version = address.version();
      DatasetManifest manifest =
          new DatasetManifest(
              datasetId,
              version,
              RecordSchema.VERSION,
              filters,
              until,
              exported,
              written,
              new DatasetManifest.Validation(
                  "validation-report.json", report.recordsChecked(), report.invalid()));
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
        manifest =
            json.readValue(store.manifest(datasetId, version).orElseThrow(), DatasetManifest.class);
      }
      // the data was read as of `until`: records created later were not selected
      boolean latest = plan.canonical() && store.offerLatest(datasetId, version, until);
      return new Outcome(created, latest, manifest, report);
    }
  }
}
