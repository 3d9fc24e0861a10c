package io.butlerbench.seeder.seeding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Rows 13 and 15 of issue 8: a seeding beyond what the stack takes is a 400 naming the limit before
 * anything is written. The limits are small here so that the test writes little; the local stack
 * sets its own with the embedded MongoDB's memory (deploy/local/run.sh).
 */
@QuarkusTest
@TestProfile(SeedingCapacityTest.SmallStack.class)
@WithTestResource(MongoTestResource.class)
class SeedingCapacityTest {
  static final String PROBLEM = "application/problem+json";

  /** A stack that takes 400 documents per seeding and holds 600 in all. */
  public static class SmallStack implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "seeder.limits.max-documents-per-seeding", "400",
          "seeder.limits.max-stored-documents", "600");
    }
  }

  @Inject MongoDatabase database;

  ValidatableResponse seed(String body) {
    return given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/seedings")
        .then();
  }

  long stored() {
    return database.getCollection(CorpusFields.DIGESTS).countDocuments()
        + database.getCollection(CorpusFields.REVIEW_REPORTS).countDocuments();
  }

  long seedings() {
    return database.getCollection("seedings").countDocuments(new Document());
  }

  static String names(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "\"" + prefix + i + "\"")
        .collect(Collectors.joining(","));
  }

  @Test
  void moreThan50ChannelsOrAssignmentsIsA400NamingTheFieldAndRuleMax() {
    long storedBefore = stored();
    long seedingsBefore = seedings();
    seed("{\"channels\":[" + names("@cap_channel_", 51) + "],\"window_days\":1}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("channels"))
        .body("rule", equalTo("max"))
        .body("detail", containsString("50"));
    seed("{\"channels\":[\"@cap_channel_x\"],\"assignments\":[" + names("hw_cap_", 51) + "]}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("assignments"))
        .body("rule", equalTo("max"))
        .body("detail", containsString("50"));
    assertEquals(storedBefore, stored(), "nothing written");
    assertEquals(seedingsBefore, seedings(), "no seeding record");
  }

  @Test
  void capacityLimitsAreA400NamingTheLimitBeforeAnythingIsWritten() {
    long storedBefore = stored();
    long seedingsBefore = seedings();
    // 2 channels x (200 daily + 1 weekly) = 402 planned, over 400 per seeding
    seed("{\"channels\":[\"@cap_one_ru\",\"@cap_two_ru\"],\"assignments\":[],\"window_days\":7,"
            + "\"minimum_per_channel\":200}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("minimum_per_channel"))
        .body("rule", equalTo("capacity"))
        .body("detail", containsString("seeder.limits.max-documents-per-seeding"))
        .body("detail", containsString("400"));
    assertEquals(storedBefore, stored(), "nothing written");
    assertEquals(seedingsBefore, seedings(), "no seeding record");

    // fill the store to exactly its capacity: 301 + the rest (what other tests left aside)
    seed("{\"channels\":[\"@fill_one_ru\"],\"assignments\":[],\"window_days\":7,"
            + "\"minimum_per_channel\":300}")
        .statusCode(201)
        .body("digests_inserted", equalTo(301));
    long daily = 600 - stored() - 1;
    seed("{\"channels\":[\"@fill_two_ru\"],\"assignments\":[],\"window_days\":7,"
            + "\"minimum_per_channel\":"
            + daily
            + "}")
        .statusCode(201)
        .body("digests_inserted", equalTo((int) daily + 1));
    assertEquals(600, stored());

    // one more document would overfill it; a repeated request that adds nothing still passes
    long full = seedings();
    seed("{\"channels\":[\"@fill_three_ru\"],\"assignments\":[],\"window_days\":1,"
            + "\"minimum_per_channel\":1}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("minimum_per_channel"))
        .body("rule", equalTo("capacity"))
        .body("detail", containsString("seeder.limits.max-stored-documents"))
        .body("detail", containsString("600"));
    assertEquals(600, stored(), "nothing written");
    assertEquals(full, seedings(), "no seeding record");
    seed("{\"channels\":[\"@fill_one_ru\"],\"assignments\":[],\"window_days\":7,"
            + "\"minimum_per_channel\":300}")
        .statusCode(201)
        .body("digests_inserted", equalTo(0));
  }
}
