package io.butlerbench.seeder.seeding;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.testing.InProcessMongo;
import io.butlerbench.testing.InjectMongo;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Row 13/14 of issue 8, the seeder's part: MongoDB goes away half-way through a seeding. The answer
 * says what was written (never "nothing was changed"), the seeding keeps a FAILED record with its
 * counts, and the same request retried tops the channel up to its floor.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SeedingOutageTest {
  static final String CHANNEL = "@outage_half_ru";
  static final String BODY =
      "{\"channels\":[\""
          + CHANNEL
          + "\"],\"assignments\":[],\"window_days\":30,\"minimum_per_channel\":8000}";

  @Inject MongoDatabase database;
  @InjectMongo InProcessMongo mongo;

  long stored() {
    return database
        .getCollection(CorpusFields.DIGESTS)
        .countDocuments(Filters.eq("channel", CHANNEL));
  }

  static Response post() {
    return given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType(ContentType.JSON)
        .body(BODY)
        .post("/seedings")
        .then()
        .extract()
        .response();
  }

  @Test
  void aSeedingCutByAnOutageSaysWhatItWroteKeepsAFailedRecordAndARetryReachesTheFloor()
      throws Exception {
    CompletableFuture<Response> cut = CompletableFuture.supplyAsync(SeedingOutageTest::post);
    await().atMost(Duration.ofSeconds(90)).until(() -> stored() >= 1000);
    mongo.pause();

    Response failed = cut.get(90, TimeUnit.SECONDS);
    failed
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("detail", not(containsString("nothing was changed")))
        .body("detail", containsString("wrote"))
        .body("status", equalTo(503))
        .body("seeding_id", startsWith("seeding-"))
        .body("digests_inserted", greaterThanOrEqualTo(1000));
    String id = failed.path("seeding_id");
    int written = failed.path("digests_inserted");

    mongo.resume();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .get("/seedings/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("FAILED"))
        .body("digests_inserted", equalTo(written))
        .body("error", not(equalTo(null)));

    post()
        .then()
        .statusCode(201)
        .body("status", equalTo("COMPLETED"))
        .body("channels[0].daily_after", equalTo(8000))
        .body("channels[0].weekly_after", equalTo(5));
    assertEquals(8005, stored(), "the floor, each digest once");
  }
}
