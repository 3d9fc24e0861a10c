package io.butlerbench.benchmark;

import static io.butlerbench.benchmark.BenchmarkApi.publish;
import static io.butlerbench.benchmark.BenchmarkApi.runToCompletion;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.StubbedServicesResource;
import io.butlerbench.testing.StubbedServicesResource.InjectStub;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Which samples of a run a subject read (issue 9): a sample counts as read when {@code GET
 * /runs/{id}/samples/{sample_id}} served it to that subject, recorded then, once, with the first
 * time; the pilot's go/no-go accepts only such samples as {@code samples_read}.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(
    value = StubbedServicesResource.class,
    initArgs = @ResourceArg(name = "urls", value = "benchmark.exporter-url,benchmark.llm.url"))
class SampleReadsTest {
  static final int RACERS = 8;
  static final int ATTEMPTS = 5;
  static final String VERSION = "reads1";

  private static String runId;

  @InjectStub WireMockServer stub;
  @Inject MongoDatabase database;

  /** One completed dry run of 20 samples ({@code reads1-01} .. {@code reads1-20}) for all tests. */
  String run() {
    if (runId == null) {
      publish(stub, VERSION);
      runId =
          runToCompletion("{\"scenario\":\"channel_digest_ru\",\"judge\":\"dry-run\"}")
              .getString("run_id");
    }
    return runId;
  }

  static String sample(int i) {
    return String.format("%s-%02d", VERSION, i);
  }

  static String subject(String who) {
    return who + "-" + System.nanoTime();
  }

  static RequestSpecification as(String subject, String role) {
    return given().header("Authorization", TestTokens.bearer(subject, role));
  }

  /** Fetches one sample as {@code subject} (an ML lead reviewing the evaluation). */
  JsonPath fetch(String subject, String sampleId) {
    return as(subject, "ml_lead")
        .get("/runs/" + run() + "/samples/" + sampleId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The reads of {@code subject} as the pilot service asks for them. */
  JsonPath reads(String subject) {
    return as("pilot-service", "service")
        .queryParam("subject", subject)
        .get("/runs/" + run() + "/reads")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aSubjectWhoFetchedTwoSamplesIsListedWithExactlyThoseTwo() {
    String lead = subject("lead");
    JsonPath seventh = fetch(lead, sample(7));
    assertEquals(List.of(sample(7)), seventh.getList("sample_id"), "the sample's one result");
    assertEquals(run(), seventh.getString("[0].run_id"));
    fetch(lead, sample(3));

    JsonPath reads = reads(lead);
    assertEquals(List.of(sample(3), sample(7)), reads.getList("sample_id"), "sorted by sample");
    assertEquals(List.of(lead, lead), reads.getList("subject"));
    for (String readAt : reads.<String>getList("read_at")) {
      Instant at = Instant.parse(readAt);
      assertTrue(at.isBefore(Instant.now().plusSeconds(1)), readAt);
    }
  }

  @Test
  void fetchingASampleAgainKeepsTheFirstReadTime() throws Exception {
    String lead = subject("lead");
    fetch(lead, sample(5));
    String first = reads(lead).getString("[0].read_at");
    Thread.sleep(20);
    fetch(lead, sample(5));
    JsonPath again = reads(lead);
    assertEquals(List.of(sample(5)), again.getList("sample_id"));
    assertEquals(first, again.getString("[0].read_at"));
  }

  @Test
  void readingThePagedListOrTheRunRecordsNoRead() {
    String lead = subject("lead");
    as(lead, "ml_lead")
        .get("/runs/" + run() + "/samples?limit=1000")
        .then()
        .statusCode(200)
        .body("size()", equalTo(20));
    as(lead, "ml_lead").get("/runs/" + run()).then().statusCode(200);
    assertEquals(List.of(), reads(lead).getList("sample_id"));
  }

  @Test
  void anotherSubjectsReadsAreNotListed() {
    String lead = subject("lead");
    String owner = subject("owner");
    fetch(lead, sample(1));
    as(owner, "operations_owner")
        .get("/runs/" + run() + "/samples/" + sample(2))
        .then()
        .statusCode(200);
    assertEquals(List.of(sample(1)), reads(lead).getList("sample_id"));
    assertEquals(List.of(sample(2)), reads(owner).getList("sample_id"));
    assertEquals(List.of(), reads(subject("nobody")).getList("sample_id"));
  }

  @Test
  void concurrentFetchesOfOneSampleBySameSubjectRecordOneRead() throws Exception {
    String lead = subject("lead");
    ExecutorService racers = Executors.newFixedThreadPool(RACERS);
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        String sampleId = sample(10 + attempt);
        CyclicBarrier barrier = new CyclicBarrier(RACERS);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
          answers.add(
              racers.submit(
                  () -> {
                    barrier.await();
                    return as(lead, "ml_lead")
                        .get("/runs/" + run() + "/samples/" + sampleId)
                        .then()
                        .extract()
                        .statusCode();
                  }));
        }
        for (Future<Integer> answer : answers) {
          assertEquals(200, answer.get());
        }
        assertEquals(
            1,
            database
                .getCollection("sample_reads")
                .countDocuments(
                    Filters.and(
                        Filters.eq("run_id", run()),
                        Filters.eq("sample_id", sampleId),
                        Filters.eq("subject", lead))),
            "one stored read of " + sampleId);
      }
      JsonPath reads = reads(lead);
      List<String> expected = new ArrayList<>();
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        expected.add(sample(10 + attempt));
      }
      assertEquals(expected, reads.getList("sample_id"));
    } finally {
      racers.shutdownNow();
    }
  }

  @Test
  void anUnknownSampleOrRunIs404AndRecordsNothing() {
    String lead = subject("lead");
    as(lead, "ml_lead")
        .get("/runs/" + run() + "/samples/no-such-sample")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(lead, "ml_lead")
        .get("/runs/no-such-run/samples/" + sample(1))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertEquals(List.of(), reads(lead).getList("sample_id"));
    assertEquals(
        0, database.getCollection("sample_reads").countDocuments(Filters.eq("subject", lead)));
    as("pilot-service", "service")
        .queryParam("subject", lead)
        .get("/runs/no-such-run/reads")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void readsNeedASubject() {
    as("pilot-service", "service")
        .get("/runs/" + run() + "/reads")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("subject"))
        .body("rule", equalTo("required"));
  }

  @Test
  void everyRoleMayFetchASampleAndReadTheReads() {
    for (String role :
        List.of("viewer", "operator", "ml_engineer", "ml_lead", "operations_owner", "service")) {
      String who = subject(role);
      as(who, role).get("/runs/" + run() + "/samples/" + sample(20)).then().statusCode(200);
      as(who, role)
          .queryParam("subject", who)
          .get("/runs/" + run() + "/reads")
          .then()
          .statusCode(200)
          .body("sample_id", everyItem(equalTo(sample(20))))
          .body("size()", equalTo(1));
    }
  }
}
