package io.butlerbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The two contracts' checks catch what they exist to catch, and pass what is typed. */
class BoundaryChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unused") // read by reflection: the signatures are the test data
  private interface Signatures {
    Document document();

    List<Document> documents();

    Map<String, Object> map();

    Optional<Map<String, ?>> wildcardMap();

    JsonNode tree();

    Map<String, Double> scores();

    List<String> names();
  }

  @Test
  void untypedValuesAreFoundEvenInsideGenerics() throws NoSuchMethodException {
    for (String untyped : List.of("document", "documents", "map", "wildcardMap", "tree")) {
      assertTrue(
          TypedBoundariesContract.untyped(
              Signatures.class.getDeclaredMethod(untyped).getGenericReturnType()),
          untyped);
    }
    for (String typed : List.of("scores", "names")) {
      assertFalse(
          TypedBoundariesContract.untyped(
              Signatures.class.getDeclaredMethod(typed).getGenericReturnType()),
          typed);
    }
  }

  @Test
  void anUntypedBodyOrPropertyIsNamedAndATypedOnePasses() throws Exception {
    JsonNode document =
        JSON.readTree(
            """
            {"paths": {
               "/runs": {
                 "post": {
                   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunRequest"}}}},
                   "responses": {"202": {"content": {"application/json": {"schema": {"type": "object"}}}}}},
                 "get": {
                   "responses": {"200": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}}}}}}},
             "components": {"schemas": {
               "RunRequest": {"type": "object", "properties": {"scenario": {"type": "string"}, "options": {"type": "object"}}},
               "Run": {"type": "object", "properties": {"metrics": {"type": "object", "additionalProperties": {"type": "number"}}}}}}}
            """);
    assertEquals(
        List.of(
            "schema RunRequest.options: an object without properties",
            "POST /runs 202 application/json: an object without properties"),
        OpenApiContract.untypedBodies(document));
  }

  @Test
  void anOperationWithoutASuccessfulResponseIsNamed() throws Exception {
    JsonNode document =
        JSON.readTree(
            """
            {"paths": {"/runs/{id}": {"get": {"responses": {"404": {"description": "no run"}}}},
                       "/runs": {"get": {"responses": {"200": {"content": {"text/plain": {"schema": {"type": "string"}}}}}}}}}
            """);
    assertEquals(
        List.of("GET /runs/{id}: no successful response"), OpenApiContract.untypedBodies(document));
  }

  @Test
  void aDocumentWithoutBodiesIsNotTakenAsTyped() throws Exception {
    assertEquals(
        List.of("the document describes no request or response body at all"),
        OpenApiContract.untypedBodies(JSON.readTree("{\"paths\": {}}")));
  }
}
