package io.butlerbench.seeder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seeder over real HTTP against the in-process MongoDB server. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SeederApiTest {
  static final String PROBLEM = "application/problem+json";

  static RequestSpecification authorised() {
    return given().header("Authorization", TestTokens.bearer("operator", "operator"));
  }

  @Test
  void triggerAndWriteEndpointsNeedTheToken() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/seedings")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", "Bearer");
    given()
        .header("Authorization", "Bearer wrong")
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/seedings")
        .then()
        .statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"@valid_name\"}")
        .post("/channels")
        .then()
        .statusCode(401);
    given().delete("/channels/@tech_ru").then().statusCode(401);
  }

  @Test
  void seedingAnswersWithCountsBeforeAndAfterAndKeepsTheSnapshot() {
    String id =
        authorised()
            .contentType(ContentType.JSON)
            .body(
                "{\"channels\":[\"@api_test_ru\"],\"assignments\":[\"hw09_api\"],\"window_days\":7,\"minimum_per_channel\":10,\"seed\":5}")
            .post("/seedings")
            .then()
            .statusCode(201)
            .header("Location", containsString("/seedings/seeding-"))
            .body("channels[0].channel", equalTo("@api_test_ru"))
            .body("channels[0].daily_before", equalTo(0))
            .body("channels[0].daily_after", equalTo(10))
            .body("channels[0].weekly_after", equalTo(1))
            .body("assignments[0].after", equalTo(10))
            .body("digests_inserted", equalTo(11))
            .extract()
            .path("seeding_id");
    authorised()
        .get("/seedings/" + id)
        .then()
        .statusCode(200)
        .body("seeding_id", equalTo(id))
        .body("channels[0].daily_after", equalTo(10));
    authorised().get("/seedings").then().statusCode(200).body("seeding_id", hasItem(id));
    authorised().get("/seedings/seeding-unknown").then().statusCode(404).contentType(PROBLEM);

    // the same request again: nothing new
    authorised()
        .contentType(ContentType.JSON)
        .body(
            "{\"channels\":[\"@api_test_ru\"],\"assignments\":[\"hw09_api\"],\"window_days\":7,\"minimum_per_channel\":10,\"seed\":5}")
        .post("/seedings")
        .then()
        .statusCode(201)
        .body("digests_inserted", equalTo(0))
        .body("review_reports_inserted", equalTo(0));
  }

  @Test
  void metricsNamesArePinned() {
    // only a registered channel gets a series of its own
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"@metric_probe\"}")
        .post("/channels")
        .then()
        .statusCode(201);
    authorised()
        .contentType(ContentType.JSON)
        .body(
            "{\"channels\":[\"@metric_probe\"],\"assignments\":[],\"window_days\":2,\"minimum_per_channel\":2}")
        .post("/seedings")
        .then()
        .statusCode(201);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "seeder_documents_seeded_total{channel=\"@metric_probe\",collection=\"digests\"} 3.0"))
        .body(containsString("seeder_seeding_duration_seconds_bucket{"))
        .body(containsString("seeder_seeding_duration_seconds_count "));
    authorised().delete("/channels/@metric_probe").then().statusCode(204);
  }

  /**
   * A channel name in a request is free text: were it a label value, one request could add 50
   * series to an open /q/metrics, and a loop of them millions. Its documents are still counted.
   */
  @Test
  void aSeedingNamingManyUnknownChannelsAddsNoMetricSeriesPerName() {
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      channels.add(String.format("@cardinality_probe_%02d", i));
    }
    Map<String, Double> before = seededSeries();
    authorised()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "channels",
                channels,
                "assignments",
                List.of(),
                "window_days",
                1,
                "minimum_per_channel",
                1))
        .post("/seedings")
        .then()
        .statusCode(201)
        .body("digests_inserted", equalTo(100));
    Map<String, Double> after = seededSeries();

    String unregistered =
        "seeder_documents_seeded_total{channel=\"unregistered\",collection=\"digests\"}";
    for (String channel : channels) {
      assertThat(after.keySet(), everyItem(not(containsString(channel))));
    }
    Set<String> added = new HashSet<>(after.keySet());
    added.removeAll(before.keySet());
    assertThat("series added by the seeding", added, everyItem(equalTo(unregistered)));
    assertEquals(
        before.getOrDefault(unregistered, 0.0) + 100.0, after.get(unregistered), "still counted");
  }

  /** The same for assignment ids, which the same label carries for review reports. */
  @Test
  void aSeedingNamingManyUnknownAssignmentsAddsNoMetricSeriesPerName() {
    List<String> assignments = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      assignments.add(String.format("hw_cardinality_probe_%02d", i));
    }
    Map<String, Double> before = seededSeries();
    authorised()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "channels",
                List.of("@tech_ru"),
                "assignments",
                assignments,
                "window_days",
                1,
                "minimum_per_channel",
                1))
        .post("/seedings")
        .then()
        .statusCode(201);
    Map<String, Double> after = seededSeries();

    for (String assignment : assignments) {
      assertThat(after.keySet(), everyItem(not(containsString(assignment))));
    }
    String unregistered =
        "seeder_documents_seeded_total{channel=\"unregistered\",collection=\"review_reports\"}";
    assertEquals(
        before.getOrDefault(unregistered, 0.0) + 50.0, after.get(unregistered), "still counted");
  }

  /** Every {@code seeder_documents_seeded_total} series on /q/metrics, with its value. */
  static Map<String, Double> seededSeries() {
    Map<String, Double> series = new HashMap<>();
    for (String line :
        given().get("/q/metrics").then().statusCode(200).extract().asString().lines().toList()) {
      if (line.startsWith("seeder_documents_seeded_total{")) {
        int space = line.lastIndexOf(' ');
        series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return series;
  }

  @ParameterizedTest(name = "{0} -> {1}/{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"window_days\":0}|window_days|range",
        "{\"window_days\":366}|window_days|range",
        "{\"minimum_per_channel\":0}|minimum_per_channel|range",
        "{\"minimum_per_channel\":10001}|minimum_per_channel|range",
        "{\"channels\":[\"@ok_channel\",\"tech_ru\"]}|channels[1]|pattern",
        "{\"channels\":[\"@abc\"]}|channels[0]|pattern",
        "{\"channels\":[]}|channels|not-empty",
        "{\"assignments\":[\"bad id!\"]}|assignments[0]|pattern",
        "{\"window_dayz\":3}|window_dayz|unknown-field",
        "{\"window_days\":\"many\"}|window_days|type",
        "{\"window_days\":|$|json",
      })
  void invalidInputIsA400NamingTheFieldAndStoresNothing(String body, String field, String rule) {
    authorised()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/seedings")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400))
        .body("field", equalTo(field))
        .body("rule", equalTo(rule))
        .body("detail", not(equalTo(null)));
  }

  @Test
  void channelRegistryStartsWithTheConfiguredDefaultsAndIsEditable() {
    authorised()
        .get("/channels")
        .then()
        .statusCode(200)
        .body("channels", hasItem("@tech_ru"))
        .body("channels.size()", greaterThanOrEqualTo(5));
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"@new_channel_ru\"}")
        .post("/channels")
        .then()
        .statusCode(201)
        .body("channels", hasItem("@new_channel_ru"));
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"@new_channel_ru\"}")
        .post("/channels")
        .then()
        .statusCode(200);
    authorised().delete("/channels/@science_daily_ru").then().statusCode(204);
    authorised().get("/channels").then().body("channels", not(hasItem("@science_daily_ru")));
    authorised()
        .post("/channels/refresh")
        .then()
        .statusCode(200)
        .body("channels", hasItem("@science_daily_ru"))
        .body("channels", hasItem("@new_channel_ru"));
    authorised().delete("/channels/@new_channel_ru").then().statusCode(204);
  }

  @Test
  void badChannelNamesAreRejected() {
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"no_at_sign\"}")
        .post("/channels")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("name"))
        .body("rule", equalTo("pattern"));
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"@" + "x".repeat(33) + "\"}")
        .post("/channels")
        .then()
        .statusCode(400)
        .body("detail", startsWith("'@xxx"));
    authorised()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/channels")
        .then()
        .statusCode(400)
        .body("field", equalTo("name"))
        .body("rule", equalTo("required"));
  }
}
