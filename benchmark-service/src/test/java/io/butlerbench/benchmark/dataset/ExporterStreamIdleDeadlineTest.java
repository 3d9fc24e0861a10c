package io.butlerbench.benchmark.dataset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.benchmark.BenchmarkApi;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.service.problem.UpstreamException;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

/**
 * The exporter's record stream read through its REST client keeps the idle deadline of issue 8: an
 * exporter that sent its headers and then stalls mid-body fails the read once it has been silent
 * for the idle time (a timed-out upstream, 504), and the reader is not left interrupted; a stream
 * that keeps sending, and a reader slow between records, are not cut off.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class ExporterStreamIdleDeadlineTest {
  static final Duration IDLE = Duration.ofSeconds(1);
  static final Duration BOUND = Duration.ofSeconds(10);

  @InjectStub WireMockServer stub;
  @RestClient ExporterClient exporter;
  @Inject ObjectMapper json;
  @Inject Vertx vertx;

  DatasetSource datasets() {
    return new ExporterDatasets(exporter, json, IDLE);
  }

  /** Publishes {@code count} records, sent in {@code chunks} pieces over {@code over}. */
  void publish(String version, int count, int chunks, Duration over) {
    StringBuilder body = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      body.append(BenchmarkApi.record(version, i)).append('\n');
    }
    stub.stubFor(
        get("/datasets/" + BenchmarkApi.DATASET + "/versions/" + version + "/records")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(body.toString())
                    .withChunkedDribbleDelay(chunks, (int) over.toMillis())));
  }

  DatasetSource.Version version(String version, int count) {
    return new DatasetSource.Version(BenchmarkApi.DATASET, version, count);
  }

  @Test
  void aRecordStreamThatStallsAfterItsHeadersFailsAtTheIdleDeadlineInsteadOfBlocking()
      throws Exception {
    HttpServer stalling = stallingExporter(2);
    try {
      ExporterClient client =
          QuarkusRestClientBuilder.newBuilder()
              .baseUri(URI.create("http://127.0.0.1:" + stalling.actualPort()))
              .build(ExporterClient.class);
      DatasetSource datasets = new ExporterDatasets(client, json, IDLE);
      List<DatasetRecord> delivered = new ArrayList<>();
      assertTimeoutPreemptively(
          BOUND,
          () -> {
            long start = System.nanoTime();
            UpstreamException failure =
                assertThrows(
                    UpstreamException.class,
                    () -> datasets.forEachRecord(version("idle-stall", 3), delivered::add));
            assertTrue(
                System.nanoTime() - start >= IDLE.toNanos() * 9 / 10,
                "it failed before the idle deadline");
            assertTrue(failure.timedOut(), "a stalled upstream is a timeout (504): " + failure);
            assertFalse(Thread.currentThread().isInterrupted(), "the reader was left interrupted");
          },
          "the read of a stalled stream blocked past the idle deadline");
      assertEquals(
          List.of("idle-stall-01", "idle-stall-02"),
          delivered.stream().map(DatasetRecord::sampleId).toList());
    } finally {
      stalling.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  /**
   * An exporter that answers 200 with its headers and the first {@code sent} records at once, then
   * sends nothing more and never ends the body.
   */
  HttpServer stallingExporter(int sent) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= sent; i++) {
      lines.append(BenchmarkApi.record("idle-stall", i)).append('\n');
    }
    return vertx
        .createHttpServer()
        .requestHandler(
            request ->
                request
                    .response()
                    .setChunked(true)
                    .putHeader("Content-Type", "application/x-ndjson")
                    .write(lines.toString()))
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  /**
   * The deadline is on silence, not on the whole read: a stream that keeps sending is read to its
   * end however long it takes, and the time the reader spends between records does not count.
   */
  @Test
  void aSlowStreamThatKeepsSendingAndASlowReaderAreNotCutOff() {
    publish("idle-slow", 8, 8, IDLE.multipliedBy(8 * 6).dividedBy(10));
    List<DatasetRecord> delivered = new ArrayList<>();
    assertTimeoutPreemptively(
        BOUND,
        () ->
            datasets()
                .forEachRecord(
                    version("idle-slow", 8),
                    record -> {
                      delivered.add(record);
                      if (delivered.size() == 1) {
                        LockSupport.parkNanos(IDLE.multipliedBy(3).dividedBy(2).toNanos());
                      }
                    }));
    assertEquals(8, delivered.size());
    assertEquals("idle-slow-08", delivered.get(7).sampleId());
  }
}
