package io.butlerbench.seeder.seeding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoDatabase;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A store seeded before the seeding records were typed holds them as they were written through
 * JSON, with ISO-8601 strings for instants: they stay readable.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SeedingHistoryWrittenBeforeTest {
  static final String WRITTEN_BEFORE =
      """
      {"_id": "seeding-written-before", "seeding_id": "seeding-written-before",
       "trigger": "api:alice", "status": "COMPLETED", "started_at": "2026-11-28T12:00:00.123Z",
       "finished_at": "2026-11-28T12:00:01Z", "duration_millis": 877, "window_days": 7,
       "minimum_per_channel": 10, "seed": 5, "window_start": "2026-11-22T00:00:00Z",
       "window_end": "2026-11-28T12:00:00.123Z",
       "channels": [{"channel": "@tech_ru", "daily_before": 0, "daily_after": 10,
                     "weekly_before": 0, "weekly_after": 1, "inserted": 11}],
       "assignments": [], "documents_planned": 11, "digests_inserted": 11,
       "review_reports_inserted": 0, "updated_at": {"$date": "2026-11-28T12:00:01Z"}}
      """;

  @Inject MongoDatabase database;

  @Test
  void aRecordWrittenBeforeIsRead() {
    database.getCollection("seedings").insertOne(Document.parse(WRITTEN_BEFORE));
    given()
        .header("Authorization", TestTokens.bearer("viewer", "viewer"))
        .get("/seedings/seeding-written-before")
        .then()
        .statusCode(200)
        .body("seeding_id", equalTo("seeding-written-before"))
        .body("started_at", equalTo("2026-11-28T12:00:00.123Z"))
        .body("channels[0].daily_after", equalTo(10))
        .body("digests_inserted", equalTo(11));
  }
}
