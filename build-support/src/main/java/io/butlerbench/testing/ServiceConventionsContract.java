package io.butlerbench.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service promises its operators, run by each service's own {@code @QuarkusTest}
 * subclass (annotated {@code @WithTestResource(MongoTestResource.class)}): health, metrics and
 * OpenAPI are open; everything else needs the bearer token and errors are problem+json.
 */
public abstract class ServiceConventionsContract {
  public static final String TEST_TOKEN = "test-token";

  @Test
  void healthMetricsAndOpenApiAreOpen() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }

  @Test
  void otherEndpointsNeedTheBearerToken() {
    given()
        .get("/anything")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer");
    given()
        .header("Authorization", "Bearer not-" + TEST_TOKEN)
        .get("/anything")
        .then()
        .statusCode(401);
  }

  @Test
  void unknownPathsWithTheTokenAreProblemJson404() {
    given()
        .header("Authorization", "Bearer " + TEST_TOKEN)
        .get("/no-such-resource")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
  }
}
