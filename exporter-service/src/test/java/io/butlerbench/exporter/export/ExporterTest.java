package io.butlerbench.exporter.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.exporter.Fixtures;
import io.butlerbench.exporter.dataset.DatasetReader;
import io.butlerbench.exporter.dataset.DatasetStore;
import io.butlerbench.exporter.dataset.FileSystemDatasetStore;
import io.butlerbench.exporter.schema.RecordSchema;
import io.butlerbench.testing.MongoServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The export against a real wire-protocol MongoDB and a real folder. */
class ExporterTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final long PART_LIMIT = 500 * 1024;
  static final String DIGESTS = "benchmark_digest_ru_v1";
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();

  @TempDir Path folder;
  MongoDatabase database;
  FileSystemDatasetStore store;
  SimpleMeterRegistry meters;

  @BeforeEach
  void fresh() {
    database = MONGO.freshDatabase();
    store = new FileSystemDatasetStore(folder);
    meters = new SimpleMeterRegistry();
  }

  Exporter exporter(DatasetStore target) {
    return exporter(target, NOW);
  }

  /** An exporter whose "now" is {@code now}: it reads the data as it was at that moment. */
  Exporter exporter(DatasetStore target, Instant now) {
    return new Exporter(
        database,
        target,
        RecordSchema.load(),
        JSON,
        Clock.fixed(now, ZoneOffset.UTC),
        PART_LIMIT,
        meters);
  }

  static ExportPlan plan(String source, String policy) {
    return ExportPlan.from(new ExportRequest(source, 720, null, null, null, policy));
  }

  /** {@code count} digests of {@code @tech_ru}, one a minute back from {@link #NOW}. */
  void insertDigests(int count, int padding) {
    insertDigests("@tech_ru", "@tech_ru", NOW, count, padding);
  }

  /** {@code count} digests with ids {@code <idPrefix>-00000}, ..., one a minute back. */
  void insertDigests(String idPrefix, String channel, Instant newest, int count, int padding) {
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(
          Fixtures.digest(
              String.format("%s-%05d", idPrefix, i),
              channel,
              newest.minusSeconds(60L * i),
              4,
              padding));
    }
    database.getCollection("digests").insertMany(documents);
  }

  @Test
  void partsStayUnder500KbAndTheirChecksumsMatchTheManifest() throws Exception {
    insertDigests(1500, 40); // 4 posts x 40 random words each: several parts even after gzip
    Exporter.Outcome outcome = exporter(store).export(plan("digests", null));
    DatasetManifest manifest = outcome.manifest();
    assertTrue(outcome.created());
    assertEquals(1500, manifest.recordCount());
    assertTrue(manifest.parts().size() > 1, "split into parts: " + manifest.parts());
    long records = 0;
    for (DatasetManifest.Part part : manifest.parts()) {
      Path file = versionDir(manifest).resolve(part.name());
      long size = Files.size(file);
      assertEquals(part.bytes(), size);
      assertTrue(size <= PART_LIMIT, part.name() + " is " + size + " bytes");
      assertEquals(part.sha256(), sha256(file));
      records += part.records();
    }
    assertEquals(1500, records);
    assertTrue(Files.exists(versionDir(manifest).resolve("validation-report.json")));
    assertEquals(Optional.of(manifest.version()), store.latest("benchmark_digest_ru_v1"));
  }

  @Test
  void streamedRecordsEqualTheWrittenOnesInOrder() {
    insertDigests(40, 0);
    DatasetManifest manifest = exporter(store).export(plan("digests", null)).manifest();
    List<String> streamed = new ArrayList<>();
    new DatasetReader(store, JSON).forEachRecord(manifest, streamed::add);
    List<String> expected = new ArrayList<>();
    for (Document document :
        database.getCollection("digests").find().sort(new Document("_id", 1))) {
      expected.add(RecordMapper.digest(document).encode());
    }
    assertEquals(expected, streamed);
  }

  @Test
  void exportingUnchangedDataTwiceGivesTheSameVersion() throws IOException {
    insertDigests(30, 0);
    Exporter.Outcome first = exporter(store).export(plan("digests", null));
    Exporter.Outcome second = exporter(store).export(plan("digests", null));
    assertTrue(first.created());
    assertFalse(second.created());
    assertEquals(first.manifest().version(), second.manifest().version());
    assertEquals(first.manifest(), second.manifest());
    assertEquals(List.of(first.manifest().version()), store.versions("benchmark_digest_ru_v1"));

    database.getCollection("digests").deleteOne(new Document("_id", "@tech_ru-00003"));
    Exporter.Outcome changed = exporter(store).export(plan("digests", null));
    assertNotEquals(first.manifest().version(), changed.manifest().version());
    assertEquals(29, changed.manifest().recordCount());
  }

  @Test
  void aFilteredExportIsPublishedButNeverBecomesLatest() throws IOException {
    insertDigests(90, 0);
    insertDigests("@other", "@other", NOW, 5, 0);
    Exporter.Outcome first = exporter(store).export(plan("digests", null));
    assertTrue(first.latest());
    DatasetManifest canonical = first.manifest();
    assertEquals(Optional.of(canonical.version()), store.latest(DIGESTS));

    List<ExportRequest> filtered =
        List.of(
            new ExportRequest("digests", 720, "@tech_ru", null, null, null),
            new ExportRequest("digests", 720, null, null, 1, null),
            new ExportRequest("digests", 1, null, null, null, null));
    for (ExportRequest request : filtered) {
      Exporter.Outcome outcome = exporter(store).export(ExportPlan.from(request));
      assertTrue(outcome.created(), request + " publishes a new version");
      assertFalse(outcome.latest(), request + " says it is not latest");
      assertTrue(
          store.versions(DIGESTS).contains(outcome.manifest().version()),
          request + " is reachable by its version id");
      assertEquals(
          Optional.of(canonical.version()),
          store.latest(DIGESTS),
          request + " must not become latest");
    }
  }

  @Test
  void anExportOfOlderDataNeverMovesLatestBack() throws IOException {
    insertDigests(30, 0);
    DatasetManifest newer = exporter(store).export(plan("digests", null)).manifest();
    // an export that read the data ten minutes earlier (it started first and finished last)
    Exporter.Outcome older =
        exporter(store, NOW.minus(Duration.ofMinutes(10))).export(plan("digests", null));
    assertTrue(older.created());
    assertFalse(older.latest());
    assertEquals(20, older.manifest().recordCount());
    assertEquals(Optional.of(newer.version()), store.latest(DIGESTS));
  }

  /**
   * Exports that each read the data at a different moment race to publish; whichever order they
   * finish in, {@code latest} ends at the one that read the newest data. The newest export reads
   * the fewest records, so it tends to finish first: the order a last-writer-wins pointer gets
   * wrong.
   */
  @Test
  void ofConcurrentExportsTheOneThatReadTheNewestDataBecomesLatest() throws Exception {
    Instant dayAgo = NOW.minus(Duration.ofHours(24));
    // ten records a minute for the half hour before a day ago: the earlier an export reads, the
    // more of them its 24 h window still holds
    for (int burst = 0; burst < 10; burst++) {
      insertDigests("burst-" + burst, "@tech_ru", dayAgo, 31, 0);
    }
    insertDigests(3, 0);
    int exporters = 4;
    ExportPlan daily = ExportPlan.from(new ExportRequest("digests", 24, null, null, null, null));
    ExecutorService pool = Executors.newFixedThreadPool(exporters);
    try {
      for (int attempt = 0; attempt < 10; attempt++) {
        FileSystemDatasetStore target = new FileSystemDatasetStore(folder.resolve("a" + attempt));
        CyclicBarrier start = new CyclicBarrier(exporters);
        List<Future<Exporter.Outcome>> exports = new ArrayList<>();
        for (int k = 0; k < exporters; k++) {
          Exporter exporter = exporter(target, NOW.minus(Duration.ofMinutes(10L * k)));
          exports.add(
              pool.submit(
                  () -> {
                    start.await();
                    return exporter.export(daily);
                  }));
        }
        List<String> versions = new ArrayList<>();
        for (Future<Exporter.Outcome> export : exports) {
          versions.add(export.get(1, TimeUnit.MINUTES).manifest().version());
        }
        assertTrue(exports.get(0).get().latest(), "the newest export says it is latest");
        assertEquals(exporters, Set.copyOf(versions).size(), "each export read other data");
        assertEquals(Optional.of(versions.get(0)), target.latest(DIGESTS), "attempt " + attempt);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invalidRecordsAreReportedWithIdAndRuleAndSkippedByDefault() {
    insertDigests(10, 0);
    database
        .getCollection("digests")
        .updateOne(
            new Document("_id", "@tech_ru-00004"),
            new Document("$unset", new Document("summary_markdown", "")));
    Exporter.Outcome outcome = exporter(store).export(plan("digests", "skip"));
    assertEquals(9, outcome.manifest().recordCount());
    assertEquals(10, outcome.report().recordsChecked());
    assertEquals(1, outcome.report().invalid());
    var invalid = outcome.report().invalidRecords().get(0);
    assertEquals("@tech_ru-00004", invalid.sampleId());
    assertEquals("required", invalid.violations().get(0).rule());
    assertEquals(1.0, meters.get("exporter.records.rejected").counter().count());
    assertEquals(9.0, meters.get("exporter.records.exported").counter().count());
  }

  @Test
  void theStrictPolicyFailsTheExportAndPublishesNothing() throws IOException {
    insertDigests(10, 0);
    DatasetManifest before = exporter(store).export(plan("digests", null)).manifest();
    database
        .getCollection("digests")
        .updateOne(
            new Document("_id", "@tech_ru-00007"),
            new Document("$set", new Document("language", "en")));
    database
        .getCollection("digests")
        .updateOne(
            new Document("_id", "@tech_ru-00007"),
            new Document("$set", new Document("latency_seconds", -1.0)));
    // language "en" is filtered out by the query; a negative latency is a schema break
    database
        .getCollection("digests")
        .updateOne(
            new Document("_id", "@tech_ru-00002"),
            new Document("$set", new Document("latency_seconds", -1.0)));
    ExportFailedException failure =
        assertThrows(
            ExportFailedException.class, () -> exporter(store).export(plan("digests", "fail")));
    assertEquals("invalid-records", failure.rule());
    assertEquals("@tech_ru-00002", failure.report().invalidRecords().get(0).sampleId());
    assertEquals(
        "exclusiveMinimum", failure.report().invalidRecords().get(0).violations().get(0).rule());
    assertEquals(List.of(before.version()), store.versions("benchmark_digest_ru_v1"));
    assertEquals(Optional.of(before.version()), store.latest("benchmark_digest_ru_v1"));
  }

  @Test
  void noMatchingDocumentsIsAnErrorNeverAnEmptyDataset() throws IOException {
    insertDigests(5, 0);
    ExportFailedException failure =
        assertThrows(
            ExportFailedException.class,
            () ->
                exporter(store)
                    .export(
                        ExportPlan.from(
                            new ExportRequest("digests", 24, "@other_channel", null, null, null))));
    assertEquals("no-matching-documents", failure.rule());
    assertEquals(List.of(), store.versions("benchmark_digest_ru_v1"));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void anExportThatDiesMidwayLeavesThePreviousLatestReadableAndIntact() throws Exception {
    insertDigests(1500, 40);
    DatasetManifest previous = exporter(store).export(plan("digests", null)).manifest();
    List<String> previousChecksums = new ArrayList<>();
    for (DatasetManifest.Part part : previous.parts()) {
      previousChecksums.add(sha256(versionDir(previous).resolve(part.name())));
    }
    database.getCollection("digests").deleteOne(new Document("_id", "@tech_ru-00000"));

    // the disk fills up while the second part is written
    DatasetStore failingStore = new FailingOnSecondPart(store);
    assertThrows(
        RuntimeException.class, () -> exporter(failingStore).export(plan("digests", null)));
    assertEquals(List.of(previous.version()), store.versions("benchmark_digest_ru_v1"));
    assertEquals(Optional.of(previous.version()), store.latest("benchmark_digest_ru_v1"));
    assertEquals(List.of(), leftovers(), "the staged version is removed");
    for (int i = 0; i < previous.parts().size(); i++) {
      assertEquals(
          previousChecksums.get(i),
          sha256(versionDir(previous).resolve(previous.parts().get(i).name())));
    }
    List<String> records = new ArrayList<>();
    new DatasetReader(store, JSON).forEachRecord(previous, records::add);
    assertEquals(1500, records.size());

    // a process killed mid-way leaves its staging folder; the next start removes it
    Path abandoned =
        Files.createDirectories(folder.resolve("benchmark_digest_ru_v1/.staging-killed"));
    Files.write(abandoned.resolve("part-00001.jsonl.gz"), new byte[] {31, -117, 8});
    new FileSystemDatasetStore(folder).removeAbandonedStaging();
    assertEquals(List.of(), leftovers());
    assertEquals(List.of(previous.version()), store.versions("benchmark_digest_ru_v1"));
  }

  @Test
  void reviewReportsExportToTheirOwnDataset() throws IOException {
    database
        .getCollection("review_reports")
        .insertMany(
            List.of(
                Fixtures.review("hw01-1", "hw01_linked_list", NOW.minusSeconds(100)),
                Fixtures.review("hw01-2", "hw01_linked_list", NOW.minusSeconds(200)),
                Fixtures.review("hw02-1", "hw02_rest_api", NOW.minusSeconds(300))));
    DatasetManifest manifest =
        exporter(store)
            .export(
                ExportPlan.from(
                    new ExportRequest("review_reports", 168, "hw01_linked_list", null, null, null)))
            .manifest();
    assertEquals("benchmark_review_ru_v1", manifest.datasetId());
    assertEquals(2, manifest.recordCount());
    assertEquals("hw01_linked_list", manifest.filters().channel());
    assertEquals(
        1,
        meters.get("benchmark.export.duration").tag("exporter", "review_reports").timer().count());
  }

  private Path versionDir(DatasetManifest manifest) {
    return folder.resolve(manifest.datasetId()).resolve("versions").resolve(manifest.version());
  }

  private List<Path> leftovers() throws IOException {
    List<Path> staging = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return staging;
    }
    try (Stream<Path> walk = Files.walk(folder, 2)) {
      walk.filter(p -> p.getFileName().toString().startsWith(".staging-")).forEach(staging::add);
    }
    return staging;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** The real store, whose second part fails to write: an export dying in the middle. */
  private record FailingOnSecondPart(DatasetStore real) implements DatasetStore {
    @Override
    public Staging stage(String datasetId) throws IOException {
      Staging staging = real.stage(datasetId);
      return new Staging() {
        int parts;

        @Override
        public OutputStream newPart(String name) throws IOException {
          if (++parts == 2) {
            throw new IOException("No space left on device");
          }
          return staging.newPart(name);
        }

        @Override
        public boolean publish(String version, byte[] manifest, byte[] report) throws IOException {
          return staging.publish(version, manifest, report);
        }

        @Override
        public void close() throws IOException {
          staging.close();
        }
      };
    }

    @Override
    public List<String> datasets() throws IOException {
      return real.datasets();
    }

    @Override
    public List<String> versions(String datasetId) throws IOException {
      return real.versions(datasetId);
    }

    @Override
    public Optional<String> latest(String datasetId) throws IOException {
      return real.latest(datasetId);
    }

    @Override
    public boolean offerLatest(String datasetId, String version, Instant dataAsOf)
        throws IOException {
      return real.offerLatest(datasetId, version, dataAsOf);
    }

    @Override
    public Optional<byte[]> manifest(String datasetId, String version) throws IOException {
      return real.manifest(datasetId, version);
    }

    @Override
    public Optional<byte[]> validationReport(String datasetId, String version) throws IOException {
      return real.validationReport(datasetId, version);
    }

    @Override
    public Optional<InputStream> part(String datasetId, String version, String partName)
        throws IOException {
      return real.part(datasetId, version, partName);
    }
  }
}
