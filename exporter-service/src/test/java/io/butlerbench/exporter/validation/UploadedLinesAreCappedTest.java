package io.butlerbench.exporter.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Row 16 of issue 8: an upload to {@code POST /validations} has at most {@code
 * exporter.validation.max-lines} lines of at most {@code exporter.validation.max-line-bytes} bytes;
 * beyond either the answer is a 413 problem naming the limit, given as soon as the limit is passed
 * rather than after the whole body was read.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@TestProfile(SmallUploadLimits.class)
class UploadedLinesAreCappedTest {
  static final String PROBLEM = "application/problem+json";

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  static String line(int i) {
    return "{\"sample_id\":\"s-" + i + "\"}\n";
  }

  static String lines(int count) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < count; i++) {
      lines.append(line(i));
    }
    return lines.toString();
  }

  @Test
  void anUploadAtTheLimitsIsValidated() {
    String longest =
        "{\"sample_id\":\"" + "x".repeat(SmallUploadLimits.MAX_LINE_BYTES - 16) + "\"}";
    assertEquals(SmallUploadLimits.MAX_LINE_BYTES, longest.getBytes(StandardCharsets.UTF_8).length);
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType("application/x-ndjson")
        .body(
            (longest + "\r\n" + lines(SmallUploadLimits.MAX_LINES - 1))
                .getBytes(StandardCharsets.UTF_8))
        .post("/validations")
        .then()
        .statusCode(200)
        .body("records_checked", equalTo(SmallUploadLimits.MAX_LINES));
  }

  @Test
  void oneLineMoreThanTheLimitIsA413ProblemNamingIt() {
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType("application/x-ndjson")
        .body(lines(SmallUploadLimits.MAX_LINES + 1).getBytes(StandardCharsets.UTF_8))
        .post("/validations")
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("rule", equalTo("max-lines"))
        .body("detail", containsString("exporter.validation.max-lines"))
        .body("detail", containsString(String.valueOf(SmallUploadLimits.MAX_LINES)));
  }

  @Test
  void aLineLongerThanARecordCanBeIsA413ProblemNamingTheLineAndTheLimit() {
    String tooLong =
        "{\"sample_id\":\"" + "ж".repeat(SmallUploadLimits.MAX_LINE_BYTES / 2) + "\"}\n";
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType("application/x-ndjson")
        .body((line(1) + tooLong + line(3)).getBytes(StandardCharsets.UTF_8))
        .post("/validations")
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("field", equalTo("line 2"))
        .body("rule", equalTo("max-line-bytes"))
        .body("detail", containsString("exporter.validation.max-line-bytes"))
        .body("detail", containsString(String.valueOf(SmallUploadLimits.MAX_LINE_BYTES)));
  }

  /** The client stalls after one line too many: the answer must not wait for the end. */
  @Test
  void tooManyLinesAreRefusedWithoutWaitingForTheRestOfTheBody() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.startChunked("/validations", "application/x-ndjson");
      for (int i = 0; i <= SmallUploadLimits.MAX_LINES; i++) {
        http.chunk(line(i).getBytes(StandardCharsets.UTF_8));
      }
      RawHttp.Answer answer = http.answer();
      assertEquals(413, answer.status(), answer.body());
      assertEquals(PROBLEM, answer.header("content-type"));
      assertTrue(answer.body().contains("\"rule\":\"max-lines\""), answer.body());
      assertTrue(http.closedByServer(), "the rest of the body is not read: the connection ends");
    }
  }

  /** A line without end: refused once it is longer than a record can be. */
  @Test
  void aLineWithoutEndIsRefusedOnceItPassesTheLimit() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.startChunked("/validations", "application/x-ndjson");
      http.chunk(line(1).getBytes(StandardCharsets.UTF_8));
      http.chunk(("{\"sample_id\":\"" + "x".repeat(SmallUploadLimits.MAX_LINE_BYTES)).getBytes());
      RawHttp.Answer answer = http.answer();
      assertEquals(413, answer.status(), answer.body());
      assertTrue(answer.body().contains("\"rule\":\"max-line-bytes\""), answer.body());
      assertTrue(answer.body().contains("\"field\":\"line 2\""), answer.body());
    }
  }
}
