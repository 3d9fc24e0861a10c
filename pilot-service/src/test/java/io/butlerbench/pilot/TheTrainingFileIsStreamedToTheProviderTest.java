package io.butlerbench.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.sun.net.httpserver.HttpExchange;
import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.training.ExternalTraining;
import io.butlerbench.pilot.workflow.PilotService;
import io.butlerbench.pilot.workflow.PilotStore;
import io.butlerbench.testing.MongoServerExtension;
import io.butlerbench.testing.MongoTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Row 15 of issue 8: the training file was built in memory (and copied again into the upload)
 * before it was sent to the fine-tuning API. It is streamed: the upload starts while the dataset is
 * still being read, and what arrives is the same file {@code GET /pilots/{id}/training-file}
 * serves.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class TheTrainingFileIsStreamedToTheProviderTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();
  static final ObjectMapper JSON = new ObjectMapper();
  static final int RECORDS = 40;

  GatedExporter stubs;
  MongoDatabase database;
  volatile byte[] uploaded;

  @BeforeEach
  void start() {
    database = MONGO.freshDatabase();
    stubs = new GatedExporter(RECORDS);
    stubs.server().createContext("/v1/files", this::upload);
    stubs
        .server()
        .createContext(
            "/v1/fine_tuning/jobs",
            exchange -> {
              exchange.getRequestBody().readAllBytes();
              answer(
                  exchange,
                  exchange.getRequestMethod().equals("GET")
                      ? "{\"object\":\"list\",\"data\":[],\"has_more\":false}"
                      : "{\"id\":\"ftjob-1\",\"status\":\"validating_files\"}");
            });
  }

  @AfterEach
  void stop() {
    stubs.close();
  }

  /** Opens the exporter's gate as soon as the first record of the file has arrived. */
  private void upload(HttpExchange exchange) throws IOException {
    byte[] marker = GatedExporter.sourceText(0).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    InputStream in = exchange.getRequestBody();
    byte[] buffer = new byte[4096];
    boolean seen = false;
    for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
      body.write(buffer, 0, n);
      if (!seen && contains(body.toByteArray(), marker)) {
        seen = true;
        stubs.open();
      }
    }
    uploaded = body.toByteArray();
    answer(exchange, "{\"id\":\"file-abc\",\"object\":\"file\",\"purpose\":\"fine-tune\"}");
  }

  private static boolean contains(byte[] data, byte[] part) {
    return new String(data, StandardCharsets.ISO_8859_1)
        .contains(new String(part, StandardCharsets.ISO_8859_1));
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  PilotService service() {
    return new PilotService(
        new PilotStore(database),
        new AliasStore(database),
        TestClients.services(stubs.baseUrl(), stubs.baseUrl()),
        Map.of("channel_digest_ru", "benchmark_digest_ru_v1"),
        new DecisionRule(0.90, 0.01, 0.02, 0.10, 0.10),
        "reference",
        Duration.ofHours(24),
        Duration.ofMinutes(10),
        "test-commit",
        JSON,
        Clock.systemUTC(),
        new SimpleMeterRegistry(),
        List.of(
            new ExternalTraining(), TestClients.fineTuning(stubs.baseUrl(), Optional.of("sk-ft"))));
  }

  String approvedPilot() {
    return StoredPilots.approved(database, "pilot-stream-");
  }

  @Test
  void theUploadStartsWhileTheDatasetIsStillBeingRead() {
    stubs.arm();
    Document training = service().startTraining(approvedPilot(), "ml-engineer", "openai");

    assertEquals("TRAINING", training.getString("state"));
    assertEquals("file-abc", training.get("job", Document.class).getString("file_id"));
    assertFalse(
        stubs.waitedInVain(),
        "the first record reached the provider only after the whole dataset was read: the file"
            + " was held in memory");
    String body = new String(uploaded, StandardCharsets.UTF_8);
    assertTrue(body.contains("name=\"purpose\"\r\n\r\nfine-tune\r\n"), body.substring(0, 200));
    String file = stubs.trainingFile();
    int start = body.indexOf("Content-Type: application/jsonl\r\n\r\n");
    assertTrue(start > 0, "the file part is there");
    int from = start + "Content-Type: application/jsonl\r\n\r\n".length();
    assertEquals(file, body.substring(from, from + file.length()), "the file, byte for byte");
    assertTrue(body.substring(from + file.length()).matches("\r\n--[^\r\n]+--\r\n"), "and the end");
  }
}
