package io.butlerbench.exporter.schema;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Stage 05 record JSON Schema (draft 2020-12), kept as a file in this service, and a validator
 * built from it with Vert.x JSON Schema.
 */
public final class RecordSchema {
  public static final String VERSION = "benchmark-record-v1";
  private static final String RESOURCE = "/schema/" + VERSION + ".schema.json";
  private static final Set<String> APPLICATORS =
      Set.of("properties", "additionalProperties", "$ref", "allOf", "items", "prefixItems");

  private final String text;
  private final Validator validator;

  private RecordSchema(String text) {
    this.text = text;
    this.validator =
        Validator.create(
            JsonSchema.of(new JsonObject(text)),
            new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012)
                .setBaseUri("https://butler-bench.example/")
                .setOutputFormat(OutputFormat.Basic));
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

  /** Every rule the record breaks; empty when it is valid. */
  public List<Violation> validate(JsonObject record) {
    OutputUnit result = validator.validate(record);
    List<Violation> violations = new ArrayList<>();
    if (Boolean.TRUE.equals(result.getValid())) {
      return violations;
    }
    List<OutputUnit> errors = result.getErrors();
    if (errors == null || errors.isEmpty()) {
      violations.add(violation(result));
    } else {
      for (OutputUnit error : errors) {
        violations.add(violation(error));
      }
    }
    return withoutEchoes(violations);
  }

  /**
   * The validator also reports the applicator keywords ({@code properties}, {@code $ref}, ...) that
   * merely contain a failure; those echoes are dropped when a more specific violation at the same
   * place or below explains them. A lone {@code additionalProperties} (an unknown field) stays.
   */
  private static List<Violation> withoutEchoes(List<Violation> all) {
    List<Violation> kept = new ArrayList<>();
    for (Violation candidate : all) {
      boolean echo =
          APPLICATORS.contains(candidate.rule())
              && all.stream()
                  .anyMatch(
                      other ->
                          other != candidate
                              && !APPLICATORS.contains(other.rule())
                              && (other.location().equals(candidate.location())
                                  || other
                                      .location()
                                      .startsWith(childPrefix(candidate.location()))));
      if (!echo && !kept.contains(candidate)) {
        kept.add(candidate);
      }
    }
    return kept;
  }

  private static String childPrefix(String location) {
    return location.endsWith("/") ? location : location + "/";
  }

  private static Violation violation(OutputUnit unit) {
    String keywordLocation = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
    String rule = keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
    String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
    // the validator writes URI fragments ("#/metadata"); reports use plain JSON pointers
    if (location.startsWith("#")) {
      location = location.substring(1);
    }
    return new Violation(
        rule.isEmpty() ? "schema" : rule, location.isEmpty() ? "/" : location, unit.getError());
  }
}
