package io.butlerbench.seeder.seeding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The rules declared on {@link SeedingRequest}: a request that breaks several is answered for the
 * first in the order of the record's components, then of list index, the same every time.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SeedingRequestRulesTest {

  private static void answers(String body, String field, String rule) {
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/seedings")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:butler-bench:problem:invalid-request"))
        .body("field", equalTo(field))
        .body("rule", equalTo(rule));
  }

  @RepeatedTest(5)
  void severalBrokenRulesAnswerTheFirstComponent() {
    answers(
        "{\"minimum_per_channel\":0,\"window_days\":0,\"assignments\":[\"bad id!\"],"
            + "\"channels\":[]}",
        "channels",
        "not-empty");
    answers(
        "{\"minimum_per_channel\":0,\"window_days\":0,\"assignments\":[\"bad id!\"]}",
        "assignments[0]",
        "pattern");
    answers("{\"minimum_per_channel\":0,\"window_days\":0}", "window_days", "range");
  }

  @RepeatedTest(5)
  void severalBrokenElementsAnswerTheLowestIndex() {
    answers(
        "{\"channels\":[\"@ok_channel\",\"@ok_channel_2\",\"bad\",\"@abc\",\"also bad\"]}",
        "channels[2]",
        "pattern");
  }

  @Test
  void theDetailNamesTheFieldAndTheValueGiven() {
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType(ContentType.JSON)
        .body("{\"window_days\":400,\"assignments\":[\"ok\",\"bad id!\"]}")
        .post("/seedings")
        .then()
        .statusCode(400)
        .body("field", equalTo("assignments[1]"))
        .body(
            "detail", equalTo("'bad id!' is not an assignment id: expected 1-64 of [A-Za-z0-9_-]"));
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType(ContentType.JSON)
        .body("{\"window_days\":400}")
        .post("/seedings")
        .then()
        .statusCode(400)
        .body("detail", equalTo("window_days must be within 1-365, was 400"));
  }

  @Test
  void aNullElementIsRequired() {
    answers("{\"channels\":[\"@ok_channel\",null]}", "channels[1]", "required");
    answers("{\"assignments\":[null]}", "assignments[0]", "required");
  }
}
