package io.butlerbench.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.butlerbench.service.http.BodyLimit;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure a client can see into {@code application/problem+json}. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response invalidRequest(InvalidRequestException e) {
    return Problem.invalidField(e.field(), e.rule(), e.getMessage()).toResponse();
  }

  /**
   * 413 naming the limit. The body may not have been read to its end, so the connection closes
   * after the answer rather than reading (and discarding) the rest.
   */
  @ServerExceptionMapper
  public Response contentTooLarge(ContentTooLargeException e, RoutingContext context) {
    BodyLimit.closeAfterAnswer(context);
    return Response.fromResponse(Problem.tooLarge(e.field(), e.rule(), e.getMessage()).toResponse())
        .header("Connection", "close")
        .build();
  }

  @ServerExceptionMapper
  public Response unknownField(UnrecognizedPropertyException e) {
    String field = path(e);
    return Problem.invalidField(
            field,
            "unknown-field",
            "Unknown field '" + field + "': remove it or check its spelling")
        .toResponse();
  }

  @ServerExceptionMapper
  public Response wrongType(MismatchedInputException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return unknownField(unknown);
    }
    String field = path(e).isEmpty() ? "$" : path(e);
    String expected =
        e.getTargetType() != null ? e.getTargetType().getSimpleName() : "another type";
    return Problem.invalidField(field, "type", "Field '" + field + "' must be of type " + expected)
        .toResponse();
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, RoutingContext context) {
    // the body passed its size limit while Jackson read it: that, not the JSON, is the problem
    ContentTooLargeException tooLarge = causeTooLarge(e);
    if (tooLarge != null) {
      return contentTooLarge(tooLarge, context);
    }
    if (e instanceof MismatchedInputException mismatch) {
      return wrongType(mismatch);
    }
    return Problem.invalidField(
            "$", "json", "Request body is not valid JSON: " + e.getOriginalMessage())
        .toResponse();
  }

  @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class})
  public Response storeUnavailable(RuntimeException e) {
    LOG.warnf("MongoDB unreachable: %s", e.getMessage());
    return Problem.of(
            Response.Status.SERVICE_UNAVAILABLE,
            "MongoDB is unreachable; nothing was changed, retry once it is back")
        .toResponse();
  }

  @ServerExceptionMapper
  public Response upstreamFailed(UpstreamException e) {
    LOG.warnf("%s", e.getMessage());
    return Problem.of(
            e.timedOut() ? Response.Status.GATEWAY_TIMEOUT : Response.Status.BAD_GATEWAY,
            e.getMessage() + "; nothing was changed, retry once " + e.upstream() + " is back")
        .toResponse();
  }

  /**
   * Any other MongoDB failure (a command error, a server that lost its memory or its data after a
   * crash): the store failed, not the request. Writes here are idempotent, so a retry is safe.
   */
  @ServerExceptionMapper
  public Response storeFailed(MongoException e) {
    LOG.errorf(e, "MongoDB failed");
    return Problem.of(
            Response.Status.SERVICE_UNAVAILABLE,
            "MongoDB failed ("
                + e.getClass().getSimpleName()
                + ", code "
                + e.getCode()
                + "); the request did not complete and is safe to retry once MongoDB is healthy")
        .toResponse();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, RoutingContext context) {
    // Quarkus REST wraps a body it cannot parse; answer for the parse error, not the wrapper
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadableJson(unreadable, context);
    }
    ContentTooLargeException tooLarge = causeTooLarge(e);
    if (tooLarge != null) {
      return contentTooLarge(tooLarge, context);
    }
    Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
    if (status == null) {
      status = Response.Status.INTERNAL_SERVER_ERROR;
    }
    return Problem.of(status, e.getMessage()).toResponse();
  }

  private static ContentTooLargeException causeTooLarge(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ContentTooLargeException tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
