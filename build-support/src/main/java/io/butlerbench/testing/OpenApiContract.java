package io.butlerbench.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The service's API is a contract: run by each service's own {@code @QuarkusTest} subclass. Every
 * operation declares its successful answer, every request and successful response body has a typed
 * schema in {@code /q/openapi}, down to every property of every schema it refers to, and the
 * document matches the snapshot committed in {@code src/test/resources/openapi/openapi.json}, so an
 * API that changes shape changes the snapshot in the same commit. {@code
 * -Dopenapi.snapshot.update=true} rewrites the snapshot.
 */
public abstract class OpenApiContract {
  static final Path SNAPSHOT = Path.of("src/test/resources/openapi/openapi.json");
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final ObjectMapper SORTED =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  @Test
  void everyRequestAndResponseBodyHasATypedSchema() {
    JsonNode document = openApi();
    List<String> untyped = untypedBodies(document);
    assertEquals(List.of(), untyped, "bodies and schema properties without a typed schema");
  }

  @Test
  void theDocumentMatchesTheCommittedSnapshot() throws IOException {
    String current = canonical(openApi());
    if (Boolean.getBoolean("openapi.snapshot.update")) {
      Files.createDirectories(SNAPSHOT.getParent());
      Files.writeString(SNAPSHOT, current, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(SNAPSHOT),
        "no committed snapshot at "
            + SNAPSHOT.toAbsolutePath()
            + "; write it with -Dopenapi.snapshot.update=true");
    String committed = canonical(SORTED.readTree(Files.readString(SNAPSHOT)));
    if (!committed.equals(current)) {
      fail(
          "/q/openapi changed shape without the committed snapshot: "
              + firstDifference(committed, current)
              + "; if the change is intended, rewrite the snapshot with"
              + " -Dopenapi.snapshot.update=true and commit it");
    }
  }

  private static JsonNode openApi() {
    String body =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    try {
      return SORTED.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("/q/openapi is not JSON: " + e.getMessage(), e);
    }
  }

  /** Where a body or a property of a referenced schema says nothing about its shape. */
  static List<String> untypedBodies(JsonNode document) {
    List<String> untyped = new ArrayList<>();
    JsonNode components = document.path("components").path("schemas");
    Set<String> checkedComponents = new HashSet<>();
    int bodies = 0;
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (String method : METHODS) {
        JsonNode operation = path.getValue().path(method);
        if (operation.isMissingNode()) {
          continue;
        }
        String where = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
        for (Map.Entry<String, JsonNode> content :
            operation.path("requestBody").path("content").properties()) {
          bodies++;
          checkSchema(
              content.getValue().path("schema"),
              where + " request " + content.getKey(),
              components,
              checkedComponents,
              untyped);
        }
        if (operation.path("responses").properties().stream()
            .noneMatch(response -> response.getKey().startsWith("2"))) {
          // declaring any @APIResponse drops the generated 200: the success must be declared too
          untyped.add(where + ": no successful response");
        }
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
          if (!response.getKey().startsWith("2")) {
            continue;
          }
          for (Map.Entry<String, JsonNode> content :
              response.getValue().path("content").properties()) {
            bodies++;
            checkSchema(
                content.getValue().path("schema"),
                where + " " + response.getKey() + " " + content.getKey(),
                components,
                checkedComponents,
                untyped);
          }
        }
      }
    }
    if (bodies == 0) {
      untyped.add("the document describes no request or response body at all");
    }
    return untyped;
  }

  private static void checkSchema(
      JsonNode schema,
      String where,
      JsonNode components,
      Set<String> checkedComponents,
      List<String> untyped) {
    if (schema.isMissingNode() || schema.isEmpty()) {
      untyped.add(where + ": no schema");
      return;
    }
    if (schema.has("$ref")) {
      String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
      if (checkedComponents.add(name)) {
        JsonNode component = components.path(name);
        if (component.isMissingNode()) {
          untyped.add(where + ": refers to a missing schema " + name);
        } else {
          checkSchema(component, "schema " + name, components, checkedComponents, untyped);
        }
      }
      return;
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode member : schema.path(combinator)) {
        checkSchema(member, where + " " + combinator, components, checkedComponents, untyped);
      }
    }
    if (schema.has("allOf") || schema.has("anyOf") || schema.has("oneOf")) {
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "array" ->
          checkSchema(schema.path("items"), where + "[]", components, checkedComponents, untyped);
      case "object" -> {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        if (properties.isEmpty() && !additional.isObject()) {
          untyped.add(where + ": an object without properties");
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
          checkSchema(
              property.getValue(),
              where + "." + property.getKey(),
              components,
              checkedComponents,
              untyped);
        }
        if (additional.isObject()) {
          checkSchema(additional, where + ".*", components, checkedComponents, untyped);
        }
      }
      case "string", "integer", "number", "boolean" -> {
        // a scalar is typed; enums and formats refine it
      }
      default -> untyped.add(where + ": no type");
    }
  }

  private static String canonical(JsonNode document) {
    try {
      // a tree read by the sorting mapper is written back with its keys ordered
      Object ordered = SORTED.treeToValue(document, Object.class);
      return SORTED.writeValueAsString(ordered) + "\n";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String firstDifference(String committed, String current) {
    List<String> before = committed.lines().toList();
    List<String> after = current.lines().toList();
    for (int line = 0; line < Math.max(before.size(), after.size()); line++) {
      String was = line < before.size() ? before.get(line) : "<end>";
      String is = line < after.size() ? after.get(line) : "<end>";
      if (!was.equals(is)) {
        return "line " + (line + 1) + " was `" + was.strip() + "`, is `" + is.strip() + "`";
      }
    }
    return "no line differs";
  }
}
