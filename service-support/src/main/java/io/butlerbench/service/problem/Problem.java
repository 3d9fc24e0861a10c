package io.butlerbench.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document. {@code field} and {@code rule} are extension members so that a
 * client can tell, without parsing prose, which input to fix and which rule it broke.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String field, String rule) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

  public static Problem of(Response.Status status, String detail) {
    return new Problem(
        "about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
  }

  public static Problem invalidField(String field, String rule, String detail) {
    return new Problem(
        "urn:butler-bench:problem:invalid-request",
        "Invalid request",
        Response.Status.BAD_REQUEST.getStatusCode(),
        detail,
        field,
        rule);
  }

  /** 413: the request is larger than the limit {@code rule} allows; {@code field} says where. */
  public static Problem tooLarge(String field, String rule, String detail) {
    return new Problem(
        "urn:butler-bench:problem:content-too-large",
        "Content too large",
        413,
        detail,
        field,
        rule);
  }

  public Response toResponse() {
    return Response.status(status).type(PROBLEM_JSON).entity(this).build();
  }
}
