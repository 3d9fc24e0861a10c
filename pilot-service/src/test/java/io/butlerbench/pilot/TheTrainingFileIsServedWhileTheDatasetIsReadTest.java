package io.butlerbench.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.service.security.Roles;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Row 15 of issue 8: {@code GET /pilots/{id}/training-file} never holds the file in memory: its
 * first lines reach the client while the exporter is still sending the dataset, and the file is
 * line for line what the dataset makes.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(GatedExporterResource.class)
class TheTrainingFileIsServedWhileTheDatasetIsReadTest {
  @InjectStub GatedExporter exporter;

  @Inject MongoDatabase database;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  String releasedPilot() {
    String id = "pilot-served-" + System.nanoTime();
    Date now = new Date();
    database
        .getCollection("pilots")
        .insertOne(
            new Document("_id", id)
                .append("pilot_id", id)
                .append("scenario", "channel_digest_ru")
                .append("dataset_id", "benchmark_digest_ru_v1")
                .append("dataset_version", "v1")
                .append("baseline_model", "qwen-7b")
                .append("candidate_name", "qwen-7b-ft-ru-digest-stage05")
                .append("initiator", "ml-engineer")
                .append("state", "APPROVED")
                .append("validation", new Document("passed", true))
                .append(
                    "approvals",
                    List.of(
                        new Document("role", "ML_LEAD")
                            .append("person", "ml-lead")
                            .append("at", now),
                        new Document("role", "OPERATIONS_OWNER")
                            .append("person", "ops-owner")
                            .append("at", now)))
                .append("created_at", now));
    return id;
  }

  @Test
  void theFirstLinesLeaveBeforeTheDatasetIsReadToItsEnd() throws Exception {
    String id = releasedPilot();
    exporter.arm();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/pilots/" + id + "/training-file"))
                    .header("Authorization", TestTokens.bearer("gpu-operator", Roles.OPERATOR))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    StringBuilder file = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      file.append(lines.readLine()).append('\n');
      exporter.open();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        file.append(line).append('\n');
      }
    }
    assertFalse(
        exporter.waitedInVain(),
        "the first line left only once the whole dataset was read: the file was held in memory");
    assertEquals(exporter.trainingFile(), file.toString());
  }
}
