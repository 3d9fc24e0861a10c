package io.butlerbench.exporter.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.butlerbench.service.http.BodyLimit;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Row 16 of issue 8: a request over {@code quarkus.http.limits.max-body-size} was answered 413 with
 * an empty body. It is an RFC 9457 problem naming the limit, whether the client declared the length
 * or sent chunks, and whatever the endpoint reads (NDJSON stream or JSON).
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@TestProfile(SmallUploadLimits.class)
class ARequestOverTheBodyLimitIsA413ProblemTest {
  static final String PROBLEM = "application/problem+json";

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  /** NDJSON lines of about 1 KB: the body limit is reached long before the line limits. */
  static String lines(int count) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < count; i++) {
      lines.append(line(i));
    }
    return lines.toString();
  }

  static String line(int i) {
    return "{\"sample_id\":\"s-" + i + "\",\"source_text\":\"" + "a".repeat(1000) + "\"}\n";
  }

  @Test
  void aDeclaredLengthOverTheLimitIsA413ProblemNamingTheLimit() {
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType("application/x-ndjson")
        .body(lines(80).getBytes(StandardCharsets.UTF_8))
        .post("/validations")
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("status", equalTo(413))
        .body("rule", equalTo("max-body-size"))
        .body("detail", containsString("quarkus.http.limits.max-body-size"))
        .body("detail", containsString(String.valueOf(SmallUploadLimits.MAX_BODY_BYTES)));
  }

  /**
   * A client that writes its whole declared body before it reads (as most do) must still read the
   * 413: a server that closes with unread bytes resets the connection, and the answer is lost. The
   * server reads and discards up to {@link BodyLimit#SWALLOW_BYTES} before it closes.
   */
  @RepeatedTest(5)
  void aClientStillWritingItsBodyReadsThe413InsteadOfAReset() {
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType("application/x-ndjson")
        .body(lines(3000).getBytes(StandardCharsets.UTF_8))
        .post("/validations")
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .header("Connection", "close")
        .body("rule", equalTo("max-body-size"));
  }

  @Test
  void aDeclaredJsonBodyOverTheLimitIsA413ProblemToo() {
    given()
        .header("Authorization", TestTokens.bearer("operator", "operator"))
        .contentType("application/json")
        .body("{\"source\":\"digests\",\"channel\":\"" + "c".repeat(70_000) + "\"}")
        .post("/exports")
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("rule", equalTo("max-body-size"));
  }

  @Test
  void aChunkedUploadOverTheLimitIsA413ProblemAndTheConnectionIsClosed() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.startChunked("/validations", "application/x-ndjson");
      // a little over the limit, then nothing more: the answer cannot wait for the end
      for (int i = 0; i < 70; i++) {
        http.chunk(line(i).getBytes(StandardCharsets.UTF_8));
      }
      RawHttp.Answer answer = http.answer();
      assertEquals(413, answer.status(), answer.body());
      assertEquals(PROBLEM, answer.header("content-type"));
      assertTrue(answer.body().contains("\"rule\":\"max-body-size\""), answer.body());
      assertTrue(
          answer.body().contains("quarkus.http.limits.max-body-size"),
          "the problem names the limit: " + answer.body());
      assertTrue(http.closedByServer(), "the rest of the body is not read: the connection ends");
    }
  }

  @Test
  void aChunkedJsonBodyOverTheLimitIsA413Problem() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.startChunked("/exports", "application/json");
      http.chunk("{\"source\":\"digests\",\"channel\":\"".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 70; i++) {
        http.chunk("c".repeat(1000).getBytes(StandardCharsets.UTF_8));
      }
      RawHttp.Answer answer = http.answer();
      assertEquals(413, answer.status(), answer.body());
      assertEquals(PROBLEM, answer.header("content-type"));
      assertTrue(answer.body().contains("\"rule\":\"max-body-size\""), answer.body());
    }
  }

  @Test
  void aChunkedUploadUnderTheLimitIsValidated() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.startChunked("/validations", "application/x-ndjson");
      for (int i = 0; i < 20; i++) {
        http.chunk(line(i).getBytes(StandardCharsets.UTF_8));
      }
      http.endChunks();
      RawHttp.Answer answer = http.answer();
      assertEquals(200, answer.status(), answer.body());
      assertTrue(answer.body().contains("\"records_checked\":20"), answer.body());
    }
  }
}
