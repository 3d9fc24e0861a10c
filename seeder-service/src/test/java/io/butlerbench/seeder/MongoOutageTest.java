package io.butlerbench.seeder;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.butlerbench.testing.InProcessMongo;
import io.butlerbench.testing.InjectMongo;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service starts while MongoDB is down, says so, and recovers by itself when it returns. */
@QuarkusTest
@WithTestResource(
    value = MongoTestResource.class,
    initArgs = @ResourceArg(name = "state", value = "down"))
class MongoOutageTest {
  @InjectMongo InProcessMongo mongo;

  @Test
  void notReadyAnd503WhileMongoIsDownThenResumesOnItsOwn() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType(ContentType.JSON)
        .body("{\"channels\":[\"@outage_test\"],\"window_days\":1,\"minimum_per_channel\":1}")
        .post("/seedings")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("status", equalTo(503));

    mongo.resume();

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType(ContentType.JSON)
        .body("{\"channels\":[\"@outage_test\"],\"window_days\":1,\"minimum_per_channel\":1}")
        .post("/seedings")
        .then()
        .statusCode(201)
        .body("digests_inserted", equalTo(2));
  }
}
