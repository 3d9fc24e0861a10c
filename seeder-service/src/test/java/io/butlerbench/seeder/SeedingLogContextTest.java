package io.butlerbench.seeder;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Every line a seeding logs carries its id in the MDC ({@code seeding_id}), which the JSON logs of
 * production write as a field of the line.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SeedingLogContextTest {
  @Test
  void theLinesOfASeedingCarryItsIdInTheMdc() {
    List<Map.Entry<String, String>> seen = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLoggerName() != null
                && record.getLoggerName().startsWith("io.butlerbench.seeder.seeding")) {
              // read while the record is published: on the thread, and in the context, that logs
              StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
              for (Object parameter :
                  record.getParameters() == null ? new Object[0] : record.getParameters()) {
                line.append(' ').append(parameter);
              }
              String id = ((ExtLogRecord) record).getMdc("seeding_id");
              seen.add(Map.entry(line.toString(), String.valueOf(id)));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    String id;
    try {
      id =
          given()
              .header("Authorization", TestTokens.bearer("operator", "operator"))
              .contentType(ContentType.JSON)
              .body(
                  "{\"channels\":[\"@mdc_test_ru\"],\"assignments\":[\"hw09_mdc\"],"
                      + "\"window_days\":2,\"minimum_per_channel\":3,\"seed\":7}")
              .post("/seedings")
              .then()
              .statusCode(201)
              .extract()
              .path("seeding_id");
    } finally {
      root.removeHandler(capture);
    }
    List<Map.Entry<String, String>> ofThisSeeding =
        seen.stream().filter(line -> line.getKey().contains(id)).toList();
    assertFalse(ofThisSeeding.isEmpty(), "the seeding logged nothing: " + seen);
    ofThisSeeding.forEach(
        line -> assertEquals(id, line.getValue(), "MDC seeding_id of: " + line.getKey()));
  }
}
