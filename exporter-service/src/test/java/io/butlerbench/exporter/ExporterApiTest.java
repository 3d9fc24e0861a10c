package io.butlerbench.exporter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.butlerbench.testing.InProcessMongo;
import io.butlerbench.testing.InjectMongo;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exporter over real HTTP, with the in-process MongoDB server and a real data folder. The test
 * writes the documents through its own driver client, so that it runs unchanged against the
 * packaged service ({@link ExporterApiIT}).
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ExporterApiTest {
  static final String PROBLEM = "application/problem+json";

  @InjectMongo InProcessMongo mongo;
  MongoClient client;
  MongoDatabase database;

  static RequestSpecification authorised() {
    return given().header("Authorization", TestTokens.bearer("operator", "operator"));
  }

  @BeforeEach
  void documents() {
    client = MongoClients.create(mongo.connectionString());
    // the service's own database (quarkus.mongodb.database)
    database =
        client.getDatabase(
            ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class));
    database.getCollection("digests").drop();
    database.getCollection("review_reports").drop();
    Instant now = Instant.now();
    List<Document> digests = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      digests.add(Fixtures.digest("@api_chan-" + i, "@api_chan", now.minusSeconds(600L * i), 3, 2));
    }
    database.getCollection("digests").insertMany(digests);
    database
        .getCollection("review_reports")
        .insertOne(Fixtures.review("hw-api-1", "hw01_api", now.minusSeconds(60)));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void onlyAnOperatorPublishesAndAViewerReads() {
    for (String role : List.of("viewer", "ml_lead", "service")) {
      given()
          .header("Authorization", TestTokens.bearer("someone", role))
          .contentType(ContentType.JSON)
          .body("{\"source\":\"digests\"}")
          .post("/exports")
          .then()
          .statusCode(403)
          .contentType(PROBLEM);
    }
    given()
        .header("Authorization", TestTokens.bearer("someone", "viewer"))
        .contentType("application/x-ndjson")
        .body("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/validations")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", TestTokens.bearer("someone", "viewer"))
        .get("/datasets")
        .then()
        .statusCode(200);
  }

  @Test
  void exportPublishesAVersionThatCanBeListedReadAndStreamed() throws Exception {
    Response created =
        authorised()
            .contentType(ContentType.JSON)
            .body("{\"source\":\"digests\"}")
            .post("/exports");
    created
        .then()
        .statusCode(201)
        .body("dataset_id", equalTo("benchmark_digest_ru_v1"))
        .body("record_count", equalTo(12));
    String version = created.path("version");
    created
        .then()
        .header("Location", containsString("/datasets/benchmark_digest_ru_v1/versions/" + version));

    // the retry of the same export is harmless: same version, 200
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"source\":\"digests\"}")
        .post("/exports")
        .then()
        .statusCode(200)
        .body("version", equalTo(version));

    authorised()
        .get("/datasets")
        .then()
        .statusCode(200)
        .body("datasets.dataset_id", hasItem("benchmark_digest_ru_v1"));
    authorised()
        .get("/datasets/benchmark_digest_ru_v1/versions")
        .then()
        .statusCode(200)
        .body("latest", equalTo(version))
        .body("versions", hasItem(version));
    authorised()
        .get("/datasets/benchmark_digest_ru_v1/latest")
        .then()
        .statusCode(200)
        .body("version", equalTo(version));
    authorised()
        .get("/datasets/benchmark_digest_ru_v1/versions/" + version + "/validation-report")
        .then()
        .statusCode(200)
        .body("records_checked", equalTo(12))
        .body("invalid", equalTo(0));

    String ndjson =
        authorised()
            .get("/datasets/benchmark_digest_ru_v1/versions/" + version + "/records")
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asString();
    List<String> lines = ndjson.lines().toList();
    assertEquals(12, lines.size());
    assertEquals(true, lines.get(0).contains("\"sample_id\":\"@api_chan-0\""));

    List<Map<String, Object>> parts = created.path("parts");
    for (Map<String, Object> part : parts) {
      byte[] bytes =
          authorised()
              .get(
                  "/datasets/benchmark_digest_ru_v1/versions/"
                      + version
                      + "/parts/"
                      + part.get("name"))
              .then()
              .statusCode(200)
              .extract()
              .asByteArray();
      assertEquals(
          part.get("sha256"),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    authorised()
        .contentType(ContentType.JSON)
        .body("{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\"" + version + "\"}")
        .post("/validations")
        .then()
        .statusCode(200)
        .body("records_checked", equalTo(12))
        .body("invalid", equalTo(0));
  }

  @Test
  void nothingMatchingIsA422Problem() {
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"source\":\"digests\",\"channel\":\"@nobody_here\"}")
        .post("/exports")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("rule", equalTo("no-matching-documents"))
        .body("detail", containsString("@nobody_here"));
  }

  @Test
  void theStrictPolicyAnswers422WithTheBrokenRecords() {
    database
        .getCollection("review_reports")
        .insertOne(
            Fixtures.review("hw-api-broken", "hw01_api", Instant.now())
                .append("language", "ru")
                .append("student_id", 7));
    authorised()
        .contentType(ContentType.JSON)
        .body(
            "{\"source\":\"review_reports\",\"channel\":\"hw01_api\",\"invalid_policy\":\"fail\"}")
        .post("/exports")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("rule", equalTo("invalid-records"))
        .body("validation.invalid_records[0].sample_id", equalTo("hw-api-broken"))
        .body("validation.invalid_records[0].violations[0].rule", equalTo("type"))
        .body(
            "validation.invalid_records[0].violations[0].location",
            equalTo("/metadata/student_id"));
  }

  @ParameterizedTest(name = "{0} -> {1}/{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|source|required",
        "{\"source\":\"posts\"}|source|enum",
        "{\"source\":\"digests\",\"window_hours\":0}|window_hours|range",
        "{\"source\":\"digests\",\"limit\":0}|limit|range",
        "{\"source\":\"digests\",\"invalid_policy\":\"maybe\"}|invalid_policy|enum",
        "{\"source\":\"digests\",\"channel\":\"bad channel!\"}|channel|pattern",
        "{\"source\":\"digests\",\"colour\":\"red\"}|colour|unknown-field",
      })
  void invalidExportRequestsAre400NamingTheField(String body, String field, String rule) {
    authorised()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/exports")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo(field))
        .body("rule", equalTo(rule));
  }

  @Test
  void anUploadIsValidatedLineByLine() {
    String valid =
        authorised()
            .contentType(ContentType.JSON)
            .body("{\"source\":\"review_reports\"}")
            .post("/exports")
            .then()
            .statusCode(201)
            .extract()
            .path("version");
    String line =
        authorised()
            .get("/datasets/benchmark_review_ru_v1/versions/" + valid + "/records")
            .then()
            .extract()
            .asString()
            .trim();
    String upload = line + "\n\n{\"sample_id\":\"x-1\",\"language\":\"ru\"}\nnot json\n";
    authorised()
        .contentType("application/x-ndjson")
        .body(upload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/validations")
        .then()
        .statusCode(200)
        .body("records_checked", equalTo(3))
        .body("invalid", equalTo(2))
        .body("invalid_records", hasSize(2))
        .body("invalid_records[0].line", equalTo(3))
        .body("invalid_records[0].sample_id", equalTo("x-1"))
        .body("invalid_records[0].violations[0].rule", equalTo("required"))
        .body("invalid_records[1].line", equalTo(4))
        .body("invalid_records[1].violations[0].rule", equalTo("json"));
  }

  @Test
  void unknownDatasetsAndVersionsAre404() {
    authorised()
        .get("/datasets/no_such_dataset/versions")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    authorised()
        .get("/datasets/benchmark_digest_ru_v1/versions/0000/records")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    authorised()
        .get("/datasets/benchmark_digest_ru_v1/versions/..%2F..%2Fetc/records")
        .then()
        .statusCode(404);
  }

  @Test
  void aFilteredExportIsPublishedButNeverBecomesLatest() {
    String canonical =
        authorised()
            .contentType(ContentType.JSON)
            .body("{\"source\":\"digests\"}")
            .post("/exports")
            .then()
            .statusCode(201)
            .body("latest", equalTo(true))
            .extract()
            .path("version");
    String filtered =
        authorised()
            .contentType(ContentType.JSON)
            .body("{\"source\":\"digests\",\"channel\":\"@api_chan\",\"limit\":1}")
            .post("/exports")
            .then()
            .statusCode(201)
            .body("record_count", equalTo(1))
            .body("latest", equalTo(false))
            .extract()
            .path("version");
    authorised()
        .get("/datasets/benchmark_digest_ru_v1/latest")
        .then()
        .statusCode(200)
        .body("version", equalTo(canonical));
    authorised()
        .get("/datasets/benchmark_digest_ru_v1/versions/" + filtered)
        .then()
        .statusCode(200)
        .body("filters.limit", equalTo(1));
  }

  @Test
  void jsonFilesFetchedThroughThePartEndpointAreServedAsJson() {
    Response created =
        authorised()
            .contentType(ContentType.JSON)
            .body("{\"source\":\"digests\"}")
            .post("/exports");
    String version = created.then().statusCode(201).extract().path("version");
    String parts = "/datasets/benchmark_digest_ru_v1/versions/" + version + "/parts/";
    authorised()
        .get(parts + "manifest.json")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("version", equalTo(version));
    authorised()
        .get(parts + "validation-report.json")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("invalid", equalTo(0));
    authorised()
        .get(parts + created.path("parts[0].name"))
        .then()
        .statusCode(200)
        .contentType("application/gzip");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"dataset_id\":\"../../etc\",\"version\":\"passwd\"}|dataset_id",
        "{\"dataset_id\":\"bad name\",\"version\":\"0000\"}|dataset_id",
        "{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\"../latest\"}|version",
        "{\"dataset_id\":\"benchmark_digest_ru_v1\",\"version\":\".staging-1\"}|version",
      })
  void anInvalidNameOnValidationsIsA400NamingTheFieldAndTheRule(String body, String field) {
    authorised()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/validations")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo(field))
        .body("rule", equalTo("pattern"));
  }

  /**
   * Ids from the URL never leave the storage folder. The paths are sent as written (no second
   * encoding by the client), and {@code {v}} is a real version, so that {@code ../} from it would
   * reach real files: the module's {@code pom.xml} is five levels up from a version's folder.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/datasets/..%2F..%2F..%2Fsrc/versions",
        "/datasets/..%2F..%2Ftarget%2Ftest-datasets%2Fbenchmark_digest_ru_v1/latest",
        "/datasets/%2E%2E/versions",
        "/datasets/benchmark_digest_ru_v1/versions/..%2F..%2Fbenchmark_review_ru_v1",
        "/datasets/benchmark_digest_ru_v1/versions/%2E%2E/validation-report",
        "/datasets/benchmark_digest_ru_v1/versions/{v}%2F..%2F{v}/records",
        "/datasets/benchmark_digest_ru_v1/versions/{v}/parts/..%2F..%2F..%2F..%2F..%2Fpom.xml",
        "/datasets/benchmark_digest_ru_v1/versions/{v}/parts/%2E%2E%2F{v}%2Fmanifest.json",
        "/datasets/benchmark_digest_ru_v1/versions/{v}/parts/..%5C..%5Cpom.xml",
      })
  void pathTraversalInDatasetOrVersionIdsNeverLeavesTheStorageFolder(String path) {
    String version =
        authorised()
            .contentType(ContentType.JSON)
            .body("{\"source\":\"digests\"}")
            .post("/exports")
            .then()
            .statusCode(201)
            .extract()
            .path("version");
    authorised()
        .urlEncodingEnabled(false)
        .get(path.replace("{v}", version))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void theSchemaIsServed() {
    authorised()
        .get("/schemas/benchmark-record-v1")
        .then()
        .statusCode(200)
        .body(containsString("https://json-schema.org/draft/2020-12/schema"));
  }

  @Test
  void metricNamesArePinned() {
    authorised()
        .contentType(ContentType.JSON)
        .body("{\"source\":\"digests\"}")
        .post("/exports")
        .then()
        .statusCode(201);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("benchmark_export_duration_seconds_bucket{exporter=\"digests\""))
        .body(containsString("benchmark_export_duration_seconds_count{exporter=\"digests\"}"))
        .body(containsString("exporter_records_exported_total{dataset=\"benchmark_digest_ru_v1\"}"))
        .body(
            containsString("exporter_records_rejected_total{dataset=\"benchmark_digest_ru_v1\"}"));
  }
}
