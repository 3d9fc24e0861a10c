package io.butlerbench.benchmark.judge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/chat/completions}: the model, the messages, the run's sampling
 * parameters, a token limit and, for the judge, the JSON schema its answer must follow. The order
 * of the fields is the order on the wire.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(
    String model,
    List<Message> messages,
    double temperature,
    long seed,
    int maxTokens,
    ResponseFormat responseFormat) {

  /** One message of the conversation: {@code system} or {@code user}. */
  public record Message(String role, String content) {}

  /** {@code {"type": "json_schema", "json_schema": {...}}}: the answer must match the schema. */
  public record ResponseFormat(String type, NamedSchema jsonSchema) {
    public static ResponseFormat of(String name, Schema schema) {
      return new ResponseFormat("json_schema", new NamedSchema(name, true, schema));
    }
  }

  public record NamedSchema(String name, boolean strict, Schema schema) {}

  /**
   * A JSON Schema object; its keywords are JSON Schema's own names, not snake_case ones. An object
   * schema lists its properties; a number schema its bounds.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Schema(
      String type,
      @JsonProperty("additionalProperties") Boolean additionalProperties,
      Map<String, Schema> properties,
      List<String> required,
      Integer minimum,
      Integer maximum) {

    public static Schema object(Map<String, Schema> properties, List<String> required) {
      return new Schema("object", false, properties, required, null, null);
    }

    public static Schema number(int minimum, int maximum) {
      return new Schema("number", null, null, null, minimum, maximum);
    }

    public static Schema string() {
      return new Schema("string", null, null, null, null, null);
    }
  }
}
