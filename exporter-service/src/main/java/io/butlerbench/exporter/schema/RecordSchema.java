package io.butlerbench.exporter.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Stage 05 record JSON Schema (draft 2020-12), kept as a file in this service, and a validator
 * built from it with networknt json-schema-validator.
 */
public final class RecordSchema {
  public static final String VERSION = "benchmark-record-v1";
  private static final String RESOURCE = "/schema/" + VERSION + ".schema.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String text;
  private final Schema schema;

  private RecordSchema(String text) {
    this.text = text;
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    this.schema = registry.getSchema(text, InputFormat.JSON);
  }

  public static RecordSchema load() {
    try (InputStream in = RecordSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + RESOURCE);
      }
      return new RecordSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema document itself, as served over REST. */
  public String text() {
    return text;
  }

  /** Every rule a JSON text breaks; a text that is not JSON breaks rule {@code json}. */
  public List<Violation> validate(String record) {
    JsonNode node;
    try {
      node = JSON.readTree(record);
    } catch (JsonProcessingException e) {
      return List.of(new Violation("json", "/", "not JSON: " + e.getOriginalMessage()));
    }
    return validate(node);
  }

  /** Every rule the record breaks; empty when it is valid. */
  public List<Violation> validate(JsonNode record) {
    List<Violation> violations = new ArrayList<>();
    for (Error error : schema.validate(record)) {
      String location = error.getInstanceLocation().toString();
      // "required" is reported on the parent; point at the missing field instead
      if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
        location = (location.equals("/") ? "" : location) + "/" + error.getProperty();
      }
      Violation violation =
          new Violation(
              error.getKeyword(), location.isEmpty() ? "/" : location, error.getMessage());
      if (!violations.contains(violation)) {
        violations.add(violation);
      }
    }
    return violations;
  }
}
