package io.butlerbench.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.butlerbench.pilot.PilotSteps.ENGINEER;
import static io.butlerbench.pilot.PilotSteps.LEAD;
import static io.butlerbench.pilot.PilotSteps.OWNER;
import static io.butlerbench.pilot.PilotSteps.owner;
import static io.butlerbench.pilot.PilotSteps.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.service.security.Roles;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests on one pilot, over real HTTP: each race is started by a barrier and tried on
 * many pilots, and its side effects (approvals kept, jobs created at the fine-tuning API, alias
 * moves) are counted afterwards.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs =
        @ResourceArg(
            name = "urls",
            value = "pilot.exporter-url,pilot.benchmark-url,pilot.fine-tuning.url"))
class PilotRaceTest {
  static final int ATTEMPTS = 15;

  @InjectStub WireMockServer stub;

  @TestHTTPResource("/")
  URI root;

  final HttpClient http = HttpClient.newHttpClient();
  ExecutorService threads;

  @BeforeEach
  void services() {
    PilotStubs.exporterAndBenchmark(stub);
    stub.stubFor(post("/v1/files").willReturn(okJson("{\"id\":\"file-abc\",\"object\":\"file\"}")));
    stub.stubFor(
        post("/v1/fine_tuning/jobs")
            .willReturn(okJson("{\"id\":\"ftjob-1\",\"status\":\"validating_files\"}")));
    // no pilot has a job there before it asks for one
    stub.stubFor(
        get(urlPathEqualTo("/v1/fine_tuning/jobs"))
            .willReturn(okJson("{\"object\":\"list\",\"data\":[],\"has_more\":false}")));
    // what the scheduled poller sees of any job meanwhile
    stub.stubFor(
        get("/v1/fine_tuning/jobs/ftjob-1")
            .willReturn(okJson("{\"id\":\"ftjob-1\",\"status\":\"running\"}")));
    threads = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void stop() throws InterruptedException {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
  }

  /** A POST of {@code body} to {@code path} by {@code subject}, holding {@code role}. */
  record Post(String subject, String role, String path, String body) {}

  static Post by(String subject, String role, String path, String body) {
    return new Post(subject, role, path, body);
  }

  /** Sends every request at once (after a barrier) and answers their status codes in order. */
  List<Integer> atOnce(List<Post> posts) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(posts.size());
    List<Future<Integer>> answers = new ArrayList<>();
    for (Post post : posts) {
      answers.add(
          threads.submit(
              () -> {
                HttpRequest request =
                    HttpRequest.newBuilder(root.resolve(post.path()))
                        .header("Authorization", TestTokens.bearer(post.subject(), post.role()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(post.body()))
                        .build();
                barrier.await(10, TimeUnit.SECONDS);
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
              }));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get(60, TimeUnit.SECONDS));
    }
    return statuses;
  }

  static JsonPath pilot(String id) {
    return viewer().get("/pilots/" + id).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void parallelFirstApprovalsAreBothKept() throws Exception {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String id = PilotSteps.baselineRecorded();
      List<Integer> statuses =
          atOnce(
              List.of(
                  by(LEAD, Roles.ML_LEAD, "pilots/" + id + "/approvals", "{\"role\":\"ml_lead\"}"),
                  by(
                      OWNER,
                      Roles.OPERATIONS_OWNER,
                      "pilots/" + id + "/approvals",
                      "{\"role\":\"operations_owner\"}")));
      assertEquals(List.of(200, 200), statuses, "attempt " + attempt);
      JsonPath pilot = pilot(id);
      assertEquals(
          List.of("ML_LEAD", "OPERATIONS_OWNER"),
          pilot.getList("approvals.role", String.class).stream().sorted().toList(),
          "attempt " + attempt);
      assertEquals("APPROVED", pilot.getString("state"), "attempt " + attempt);
    }
  }

  @Test
  void parallelTrainingRequestsSubmitExactlyOnePaidJob() throws Exception {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String id = PilotSteps.approved();
      String training = "{\"provider\":\"openai\"}";
      List<Integer> statuses =
          atOnce(
              List.of(
                  by(ENGINEER, Roles.ML_ENGINEER, "pilots/" + id + "/training", training),
                  by(ENGINEER, Roles.ML_ENGINEER, "pilots/" + id + "/training", training),
                  by(ENGINEER, Roles.ML_ENGINEER, "pilots/" + id + "/training", training)));
      assertEquals(
          List.of(200, 409, 409), statuses.stream().sorted().toList(), "attempt " + attempt);
      assertEquals(
          1,
          stub.countRequestsMatching(
                  postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
                      .withRequestBody(matchingJsonPath("$.metadata.pilot_id", equalTo(id)))
                      .build())
              .getCount(),
          "jobs created for pilot of attempt " + attempt);
      assertEquals("TRAINING", pilot(id).getString("state"));
    }
  }

  @Test
  void parallelBaselineRequestsStartExactlyOneBenchmarkRun() throws Exception {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      // each pilot on its own dataset version: its runs are counted apart from the others'
      String version = "race-" + attempt;
      PilotStubs.versionWithBaselineRun(stub, version, "run-" + version);
      stub.stubFor(
          get("/runs/run-" + version).willReturn(okJson(PilotStubs.completed("run-" + version))));
      String id = PilotSteps.create(version);
      PilotSteps.step(PilotSteps.engineer(), id, "validation", "{}", "VALIDATED");
      String baseline = "{}";
      List<Integer> statuses =
          atOnce(
              List.of(
                  by(ENGINEER, Roles.ML_ENGINEER, "pilots/" + id + "/baseline", baseline),
                  by(ENGINEER, Roles.ML_ENGINEER, "pilots/" + id + "/baseline", baseline),
                  by(ENGINEER, Roles.ML_ENGINEER, "pilots/" + id + "/baseline", baseline)));
      assertEquals(
          1,
          stub.countRequestsMatching(
                  postRequestedFor(urlEqualTo("/runs"))
                      .withRequestBody(matchingJsonPath("$.dataset_version", equalTo(version)))
                      .build())
              .getCount(),
          "benchmark runs started for pilot of attempt " + attempt);
      assertEquals(
          List.of(202, 409, 409), statuses.stream().sorted().toList(), "attempt " + attempt);
      PilotSteps.awaitState(id, "BASELINE_RECORDED");
    }
  }

  @Test
  void promotionRacingRejectionNeverLeavesARejectedModelAsChampion() throws Exception {
    int rejected = 0;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String id = PilotSteps.decidedGo();
      List<Integer> statuses =
          atOnce(
              List.of(
                  by(
                      OWNER,
                      Roles.OPERATIONS_OWNER,
                      "pilots/" + id + "/promotion",
                      "{\"reason\":\"релиз\"}"),
                  by(
                      LEAD,
                      Roles.ML_LEAD,
                      "pilots/" + id + "/rejection",
                      "{\"reason\":\"передумали\"}")));
      assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), "attempt " + attempt);
      String state = pilot(id).getString("state");
      List<Object> moves =
          viewer()
              .get("/aliases/channel_digest_ru")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("history.findAll { it.pilot_id == '" + id + "' }");
      if (state.equals("REJECTED")) {
        rejected++;
        assertEquals(List.of(), moves, "a rejected pilot moved an alias, attempt " + attempt);
      } else {
        assertEquals("PROMOTED", state);
        assertEquals(2, moves.size(), "champion and challenger, attempt " + attempt);
      }
    }
    System.out.printf("promotion against rejection: rejection won %d of %d%n", rejected, ATTEMPTS);
  }

  @Test
  void rollingBackAnOlderPilotLeavesANewerChampionAlone() {
    String older = PilotSteps.promoted();
    String newer = PilotSteps.promoted();
    owner()
        .body("{\"reason\":\"рост ошибок\"}")
        .post("/pilots/" + older + "/rollback")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("state", org.hamcrest.Matchers.equalTo("PROMOTED"))
        .body("rule", org.hamcrest.Matchers.equalTo("champion-moved"));
    viewer()
        .get("/aliases/channel_digest_ru/champion")
        .then()
        .statusCode(200)
        .body("model", org.hamcrest.Matchers.equalTo(PilotSteps.model(newer)));
    assertEquals("PROMOTED", pilot(older).getString("state"));

    owner()
        .body("{\"reason\":\"рост ошибок\"}")
        .post("/pilots/" + newer + "/rollback")
        .then()
        .statusCode(202)
        .body("state", org.hamcrest.Matchers.equalTo("ROLLED_BACK"));
    viewer()
        .get("/aliases/channel_digest_ru/champion")
        .then()
        .statusCode(200)
        .body("model", org.hamcrest.Matchers.equalTo("qwen-7b"))
        .body("pilot_id", org.hamcrest.Matchers.equalTo(newer));
  }
}
