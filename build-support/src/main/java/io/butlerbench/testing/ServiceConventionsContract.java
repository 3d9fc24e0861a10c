package io.butlerbench.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What every service promises its operators, run by each service's own {@code @QuarkusTest}
 * subclass (annotated {@code @WithTestResource(MongoTestResource.class)}), and against the packaged
 * application by an {@code @QuarkusIntegrationTest} subclass of that (also with {@link
 * TestKeysResource}): health, metrics and OpenAPI are open; everything else needs a signed token
 * with a role the endpoint declares; refusals are problem+json; every request leaves one access-log
 * line with its subject and never its token.
 */
public abstract class ServiceConventionsContract {
  /** Where the integration-test launcher has a packaged application write its log. */
  private static final Path PACKAGED_LOG = Path.of("target", "quarkus.log");

  /** A read this service serves to {@link #readerRole()}, e.g. {@code /channels}. */
  protected abstract String protectedPath();

  /** A role that may GET {@link #protectedPath()}. */
  protected abstract String readerRole();

  @Test
  void healthMetricsAndOpenApiAreOpen() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }

  @Test
  void aSignedTokenWithTheRoleIsServed() {
    given()
        .header("Authorization", TestTokens.bearer("reader", readerRole()))
        .get(protectedPath())
        .then()
        .statusCode(200);
  }

  @Test
  void aRequestWithoutATokenIsA401Problem() {
    given()
        .get(protectedPath())
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer");
  }

  @Test
  void anExpiredUnsignedWronglySignedWrongAudienceOrWrongIssuerTokenIsA401AndNeverLogged() {
    String role = readerRole();
    Map<String, String> refused =
        Map.of(
            "expired", TestTokens.expired("mallory", role),
            "unsigned", TestTokens.unsigned("mallory", role),
            "signed by another key", TestTokens.signedByAnotherKey("mallory", role),
            "for another audience", TestTokens.forAnotherAudience("mallory", role),
            "from another issuer", TestTokens.fromAnotherIssuer("mallory", role),
            "not a token", "change-me-local-token");
    List<String> logged;
    try (LogWatch logs = watchLogs("")) {
      refused.forEach(
          (why, token) ->
              assertEquals(
                  401,
                  given()
                      .header("Authorization", "Bearer " + token)
                      .get(protectedPath())
                      .then()
                      .contentType("application/problem+json")
                      .extract()
                      .statusCode(),
                  "a token " + why));
      logged = logs.lines();
    }
    refused.forEach(
        (why, token) ->
            assertFalse(
                logged.stream().anyMatch(line -> line.contains(token)),
                "a refused token (" + why + ") appears in a log record"));
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    String token = TestTokens.token("reader", readerRole());
    for (String scheme : List.of("bearer", "BEARER", "Bearer")) {
      given()
          .header("Authorization", scheme + " " + token)
          .get(protectedPath())
          .then()
          .statusCode(200);
    }
  }

  @Test
  void aTokenWithoutTheEndpointsRoleIsA403Problem() {
    given()
        .header("Authorization", TestTokens.bearer("stranger", "no_such_role"))
        .get(protectedPath())
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
  }

  @Test
  void unknownPathsWithATokenAreProblemJson404() {
    given()
        .header("Authorization", TestTokens.bearer("reader", readerRole()))
        .get("/no-such-resource")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
  }

  @Test
  void theAccessLogHasALinePerRequestWithItsSubjectAndNeverTheToken() {
    try (LogWatch logs = watchLogs("io.quarkus.http.access-log")) {
      String subject = "auditor-" + System.nanoTime();
      String token = TestTokens.token(subject, readerRole());
      given()
          .header("Authorization", "Bearer " + token)
          .get(protectedPath() + "?secret=query-not-logged")
          .then()
          .statusCode(200);
      given().get(protectedPath()).then().statusCode(401);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  logs.lines().stream().filter(line -> line.contains(protectedPath())).count()
                      >= 2);
      List<String> lines = logs.lines();
      List<String> mine =
          lines.stream().filter(line -> line.contains(" " + protectedPath() + " ")).toList();
      assertEquals(
          1,
          mine.stream().filter(line -> line.contains(" 200 subject=" + subject + " ")).count(),
          "one line with method, path, status and subject: " + mine);
      assertEquals(
          1,
          mine.stream().filter(line -> line.contains(" 401 subject=- ")).count(),
          mine.toString());
      assertFalse(
          lines.stream()
              .anyMatch(line -> line.contains(token) || line.contains("query-not-logged")),
          "no token or query string in the access log: " + lines);
    }
  }

  /** What the service logs from now on, until closed. */
  private interface LogWatch extends AutoCloseable {
    List<String> lines();

    @Override
    void close();
  }

  /**
   * In this JVM, a handler on {@code logger}; for a packaged application
   * ({@code @QuarkusIntegrationTest}), which runs in its own process, what its log file gains.
   */
  private LogWatch watchLogs(String logger) {
    if (getClass().isAnnotationPresent(QuarkusIntegrationTest.class)) {
      long from = PACKAGED_LOG.toFile().length();
      return new LogWatch() {
        @Override
        public List<String> lines() {
          try (RandomAccessFile log = new RandomAccessFile(PACKAGED_LOG.toFile(), "r")) {
            log.seek(from);
            byte[] added = new byte[(int) (log.length() - from)];
            log.readFully(added);
            return new String(added, StandardCharsets.UTF_8).lines().toList();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void close() {}
      };
    }
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = capture(lines);
    Logger watched = Logger.getLogger(logger);
    watched.addHandler(capture);
    return new LogWatch() {
      @Override
      public List<String> lines() {
        return List.copyOf(lines);
      }

      @Override
      public void close() {
        watched.removeHandler(capture);
      }
    };
  }

  /** A handler keeping each record's message, formatted, and the messages of its causes. */
  private static Handler capture(List<String> lines) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
          for (Object parameter : record.getParameters()) {
            line.append(' ').append(parameter);
          }
        }
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
          line.append(' ').append(cause);
        }
        lines.add(line.toString());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
