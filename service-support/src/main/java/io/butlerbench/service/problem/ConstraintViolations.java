package io.butlerbench.service.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers a request that breaks a rule declared on its request record ({@code @Valid} on the
 * resource parameter) with the same 400 problem+json as {@link InvalidRequestException}: {@code
 * field} is the JSON (snake_case) path of the value, e.g. {@code window_days} or {@code
 * channels[3]}; {@code rule} is the rule's name.
 *
 * <p>The rule's name comes from the constraint's type ({@link #RULES}; another constraint's is its
 * simple name in kebab case) unless the constraint carries one of the payloads nested here ({@link
 * #PAYLOAD_RULES}), e.g. {@code @Pattern(regexp = "skip|fail", payload =
 * ConstraintViolations.Enum.class)} is rule {@code enum}. The detail is the constraint's message, a
 * whole sentence that names the field and, with {@code ${validatedValue}}, the value given; a
 * constraint left with its default message gets the field's path in front of it.
 *
 * <p>When several rules are broken at once, the answer names the first in the order of the request
 * record's components, then of list index, then of rule name: the same answer for the same request
 * every time. Declared rules are checked before the service's own (limits from configuration,
 * registries, rules across fields), which run only on a request that passed them.
 */
public class ConstraintViolations {

  /** Rule {@code enum}: the value is one of a fixed set of names. */
  public interface Enum extends Payload {}

  /** Rule {@code not-empty}: a list that may be left out must not be given empty. */
  public interface NotEmptyList extends Payload {}

  /** Rule {@code not-blank}: a text that may be left out must not be given blank. */
  public interface NotBlankText extends Payload {}

  private static final Map<Class<? extends Annotation>, String> RULES =
      Map.of(
          NotNull.class, "required",
          NotBlank.class, "required",
          NotEmpty.class, "not-empty",
          Min.class, "range",
          Max.class, "range",
          DecimalMin.class, "range",
          DecimalMax.class, "range",
          Pattern.class, "pattern",
          Size.class, "size");

  private static final Map<Class<? extends Payload>, String> PAYLOAD_RULES =
      Map.of(Enum.class, "enum", NotEmptyList.class, "not-empty", NotBlankText.class, "not-blank");

  private final PropertyNamingStrategy naming;

  public ConstraintViolations(ObjectMapper json) {
    this.naming = json.getPropertyNamingStrategy();
  }

  @ServerExceptionMapper
  public Response violated(ConstraintViolationException e) {
    List<Named> named = new ArrayList<>();
    for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
      named.add(name(violation));
    }
    Named first =
        named.stream()
            .min(
                Comparator.comparingInt(Named::component)
                    .thenComparingInt(Named::index)
                    .thenComparing(Named::rule)
                    .thenComparing(Named::field))
            .orElseThrow();
    return Problem.invalidField(first.field(), first.rule(), first.detail()).toResponse();
  }

  private Named name(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    int component = Integer.MAX_VALUE;
    int index = -1;
    Object argument = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        Object[] arguments = violation.getExecutableParameters();
        int position = node.as(Path.ParameterNode.class).getParameterIndex();
        argument = arguments != null && position < arguments.length ? arguments[position] : null;
        continue;
      }
      if (node.getKind() != ElementKind.PROPERTY
          && node.getKind() != ElementKind.CONTAINER_ELEMENT
          && node.getKind() != ElementKind.BEAN) {
        continue; // the method, a return value, cross-parameter: not part of the JSON path
      }
      if (node.isInIterable()) {
        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
        field.append('[').append(at == null ? "" : at).append(']');
        if (index < 0 && node.getIndex() != null) {
          index = node.getIndex();
        }
      }
      if (node.getKind() == ElementKind.PROPERTY) {
        if (field.isEmpty() && argument != null) {
          component = componentIndex(argument.getClass(), node.getName());
        }
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(jsonName(node.getName()));
      }
    }
    String path = field.isEmpty() ? "$" : field.toString();
    // a constraint's own message is a whole sentence; a default one ("must not be null") is not
    String detail =
        violation.getMessageTemplate().startsWith("{")
            ? path + " " + violation.getMessage()
            : violation.getMessage();
    return new Named(path, rule(violation), detail, component, index);
  }

  private static String rule(ConstraintViolation<?> violation) {
    var descriptor = violation.getConstraintDescriptor();
    for (Class<? extends Payload> payload : descriptor.getPayload()) {
      String rule = PAYLOAD_RULES.get(payload);
      if (rule != null) {
        return rule;
      }
    }
    Class<? extends Annotation> type = descriptor.getAnnotation().annotationType();
    String rule = RULES.get(type);
    return rule != null ? rule : kebab(type.getSimpleName());
  }

  private String jsonName(String name) {
    return naming instanceof PropertyNamingStrategies.NamingBase base ? base.translate(name) : name;
  }

  private static int componentIndex(Class<?> type, String name) {
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; components != null && i < components.length; i++) {
      if (components[i].getName().equals(name)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private record Named(String field, String rule, String detail, int component, int index) {}
}
