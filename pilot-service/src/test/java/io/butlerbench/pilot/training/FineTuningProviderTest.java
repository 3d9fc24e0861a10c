package io.butlerbench.pilot.training;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.pilot.StoredPilots;
import io.butlerbench.pilot.TestClients;
import io.butlerbench.pilot.alias.AliasStore;
import io.butlerbench.pilot.decision.DecisionRule;
import io.butlerbench.pilot.workflow.PilotService;
import io.butlerbench.pilot.workflow.PilotStore;
import io.butlerbench.service.problem.ProblemMappers;
import io.butlerbench.service.problem.UpstreamException;
import io.butlerbench.testing.MongoServerExtension;
import io.butlerbench.testing.MongoTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.core.Response;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAI-compatible fine-tuning provider against a WireMock API, across a restart. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class FineTuningProviderTest {
  @RegisterExtension static final MongoServerExtension MONGO = new MongoServerExtension();
  static final ObjectMapper JSON = new ObjectMapper();

  WireMockServer api;
  MongoDatabase database;

  @BeforeEach
  void start() {
    api = new WireMockServer(options().dynamicPort());
    api.start();
    database = MONGO.freshDatabase();
    api.stubFor(
        get("/datasets/benchmark_digest_ru_v1/versions/v1/records")
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"sample_id\":\"s-1\",\"source_text\":\"Пост один\",\"summary_markdown\":\"- итог один\"}\n"
                            + "{\"sample_id\":\"s-2\",\"source_text\":\"Пост два\",\"summary_markdown\":\"- итог два\"}\n")));
    api.stubFor(
        post("/v1/files")
            .willReturn(
                okJson("{\"id\":\"file-abc\",\"object\":\"file\",\"purpose\":\"fine-tune\"}")));
    api.stubFor(
        post("/v1/fine_tuning/jobs")
            .willReturn(
                okJson(
                    "{\"id\":\"ftjob-1\",\"object\":\"fine_tuning.job\",\"status\":\"validating_files\",\"model\":\"qwen-7b\"}")));
    api.stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs"))
            .willReturn(okJson("{\"object\":\"list\",\"data\":[],\"has_more\":false}")));
  }

  @AfterEach
  void stop() {
    api.stop();
  }

  /** A fresh service over the same database: what a restart of the pilot service amounts to. */
  PilotService service() {
    return service(api.baseUrl(), Duration.ofSeconds(60));
  }

  /** A service whose fine-tuning API is at {@code url} and answers within {@code timeout}. */
  PilotService service(String url, Duration timeout) {
    return new PilotService(
        new PilotStore(database),
        new AliasStore(database),
        TestClients.services(api.baseUrl(), api.baseUrl()),
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
            new ExternalTraining(), TestClients.fineTuning(url, Optional.of("sk-ft"), timeout)));
  }

  String approvedPilot() {
    return StoredPilots.approved(database, "pilot-ft-");
  }

  /**
   * The provider lists {@code job} as pilot {@code id}'s: it holds that job, whoever saw it made.
   */
  void providerHolds(String id, String job) {
    api.stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs"))
            .withQueryParam("metadata[pilot_id]", equalTo(id))
            .willReturn(
                okJson(
                    "{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\""
                        + job
                        + "\",\"status\":\"running\",\"training_file\":\"file-abc\","
                        + "\"metadata\":{\"pilot_id\":\""
                        + id
                        + "\"}}]}")));
  }

  long jobsCreatedFor(String id) {
    return api.countRequestsMatching(
            postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
                .withRequestBody(matchingJsonPath("$.metadata.pilot_id", equalTo(id)))
                .build())
        .getCount();
  }

  /** What the client sees of {@code failure}: a problem with {@code status}, never a 500. */
  static void assertProblem(int status, UpstreamException failure) {
    Response answer = new ProblemMappers().upstreamFailed(failure);
    assertEquals(status, answer.getStatus(), failure.getMessage());
    assertEquals("application/problem+json", answer.getMediaType().toString());
  }

  /** The pilot is back in APPROVED, its claim released with a reason that says what failed. */
  void assertTrainingCanBeAskedAgain(String id, String reason) {
    Document pilot = service().load(id);
    assertEquals("APPROVED", pilot.getString("state"));
    assertNull(pilot.get("claim"));
    String released = pilot.get("released_claim", Document.class).getString("reason");
    assertTrue(released.contains(reason), released);
  }

  void jobAnswers(String first, String then) {
    api.stubFor(
        get("/v1/fine_tuning/jobs/ftjob-1")
            .inScenario("job")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(first))
            .willSetStateTo("later"));
    api.stubFor(
        get("/v1/fine_tuning/jobs/ftjob-1")
            .inScenario("job")
            .whenScenarioStateIs("later")
            .willReturn(okJson(then)));
  }

  @Test
  void aJobThatSucceedsIsFollowedAcrossARestartToTrained() throws Exception {
    jobAnswers(
        "{\"id\":\"ftjob-1\",\"status\":\"running\",\"fine_tuned_model\":null}",
        "{\"id\":\"ftjob-1\",\"status\":\"succeeded\",\"fine_tuned_model\":\"ft:qwen-7b:butler:stage05:abc\"}");
    String id = approvedPilot();
    Document training = service().startTraining(id, "ml-engineer", null);
    assertEquals("TRAINING", training.getString("state"));
    assertEquals("openai", training.get("job", Document.class).getString("provider"));
    assertEquals("ftjob-1", training.get("job", Document.class).getString("job_id"));
    api.verify(
        postRequestedFor(urlEqualTo("/v1/files"))
            .withHeader("Authorization", equalTo("Bearer sk-ft"))
            .withRequestBody(containing("name=\"purpose\"\r\n\r\nfine-tune"))
            .withRequestBody(
                containing(
                    "{\"role\":\"user\",\"content\":\"Пост два\"},{\"role\":\"assistant\",\"content\":\"- итог два\"}")));
    api.verify(
        postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("qwen-7b")))
            .withRequestBody(matchingJsonPath("$.training_file", equalTo("file-abc")))
            .withRequestBody(matchingJsonPath("$.hyperparameters.n_epochs", equalTo("1")))
            .withRequestBody(matchingJsonPath("$.seed", equalTo("42"))));

    // the service restarts: a new instance over the same database takes polling over
    PilotService restarted = service();
    TrainingPoller poller =
        new TrainingPoller(
            new PilotStore(database),
            restarted,
            TestClients.fineTuning(api.baseUrl(), Optional.empty()));
    assertEquals(0, poller.pollOnce(), "still running");
    assertEquals("TRAINING", restarted.load(id).getString("state"));
    assertEquals(1, poller.pollOnce());
    Document trained = restarted.load(id);
    assertEquals("TRAINED", trained.getString("state"));
    assertEquals("ft:qwen-7b:butler:stage05:abc", trained.getString("trained_model"));
    List<Document> audit = new PilotStore(database).audit(id);
    assertEquals(TrainingPoller.ACTOR, audit.get(audit.size() - 1).getString("actor"));
  }

  @Test
  void aJobThatFailsFailsThePilotWithTheProvidersReason() throws Exception {
    jobAnswers(
        "{\"id\":\"ftjob-1\",\"status\":\"failed\",\"error\":{\"code\":\"invalid_training_file\",\"message\":\"line 2: missing assistant message\"}}",
        "{\"id\":\"ftjob-1\",\"status\":\"failed\"}");
    String id = approvedPilot();
    service().startTraining(id, "ml-engineer", "openai");
    TrainingPoller poller =
        new TrainingPoller(
            new PilotStore(database),
            service(),
            TestClients.fineTuning(api.baseUrl(), Optional.empty()));
    assertEquals(1, poller.pollOnce());
    Document failed = service().load(id);
    assertEquals("FAILED", failed.getString("state"));
    assertTrue(
        failed.getString("failure").contains("line 2: missing assistant message"),
        failed.getString("failure"));
    assertTrue(failed.getString("failure").contains("ftjob-1 failed"));
  }

  @Test
  void theExternalProviderNeedsNoApi() {
    String id = approvedPilot();
    Document training = service().startTraining(id, "ml-engineer", "external");
    assertEquals("external", training.get("job", Document.class).getString("provider"));
    assertEquals(
        0, api.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/files")).build()).getCount());
    assertTrue(
        Instant.now()
            .isAfter(
                training
                    .get("job", Document.class)
                    .getDate("submitted_at")
                    .toInstant()
                    .minusSeconds(60)));
  }

  @Test
  void aFineTuningProviderThatStallsIsA504ProblemAndTheRetryAdoptsTheJobItMayHaveCreated() {
    String id = approvedPilot();
    api.stubFor(
        post("/v1/fine_tuning/jobs")
            .willReturn(
                okJson("{\"id\":\"ftjob-slow\",\"status\":\"validating_files\"}")
                    .withFixedDelay(3_000)));

    UpstreamException stalled =
        assertThrows(
            UpstreamException.class,
            () ->
                service(api.baseUrl(), Duration.ofSeconds(1))
                    .startTraining(id, "ml-engineer", "openai"));
    assertProblem(504, stalled);
    assertTrainingCanBeAskedAgain(id, "timed out");

    // the provider made the job all the same, after the service had stopped waiting for it
    providerHolds(id, "ftjob-slow");
    Document training = service().startTraining(id, "ml-engineer", "openai");
    assertEquals("TRAINING", training.getString("state"));
    assertEquals("ftjob-slow", training.get("job", Document.class).getString("job_id"));
    // the stub journals the stalled request only once its delayed answer is written, and a second
    // creation would be delayed as long: wait past that delay before counting
    await().atMost(Duration.ofSeconds(10)).until(() -> jobsCreatedFor(id) >= 1);
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> jobsCreatedFor(id) == 1);
  }

  @Test
  void aFineTuningProviderAnsweringGarbageIsA502ProblemAndTheRetryAdoptsTheJobItCreated() {
    String id = approvedPilot();
    // 200 with nothing in it: no job id to follow, though the job may well exist
    api.stubFor(post("/v1/fine_tuning/jobs").willReturn(aResponse().withStatus(200)));

    UpstreamException garbled =
        assertThrows(
            UpstreamException.class, () -> service().startTraining(id, "ml-engineer", "openai"));
    assertProblem(502, garbled);
    assertTrainingCanBeAskedAgain(id, "job id");

    providerHolds(id, "ftjob-1");
    Document training = service().startTraining(id, "ml-engineer", "openai");
    assertEquals("TRAINING", training.getString("state"));
    assertEquals("ftjob-1", training.get("job", Document.class).getString("job_id"));
    assertEquals(1, jobsCreatedFor(id), "asking again paid for a second job");
  }

  @Test
  void anUnreachableFineTuningProviderIsA502ProblemAndTheStepCanBeRetried() throws Exception {
    String id = approvedPilot();
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    UpstreamException unreachable =
        assertThrows(
            UpstreamException.class,
            () ->
                service("http://127.0.0.1:" + closed, Duration.ofSeconds(60))
                    .startTraining(id, "ml-engineer", "openai"));
    assertProblem(502, unreachable);
    assertTrainingCanBeAskedAgain(id, "openai");

    Document training = service().startTraining(id, "ml-engineer", "openai");
    assertEquals("TRAINING", training.getString("state"));
    assertEquals(1, jobsCreatedFor(id));
  }
}
