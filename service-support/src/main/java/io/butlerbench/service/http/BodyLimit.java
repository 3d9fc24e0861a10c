package io.butlerbench.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.service.problem.ContentTooLargeException;
import io.butlerbench.service.problem.Problem;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code quarkus.http.limits.max-body-size} answered as an RFC 9457 problem. Quarkus itself answers
 * a body over the limit with a bare 413 (no body) from below JAX-RS, where no exception mapper sees
 * it; so every service checks the limit first:
 *
 * <ul>
 *   <li>a declared {@code Content-Length} over the limit is answered by a route placed just before
 *       Quarkus's own check, before any byte of the body is read;
 *   <li>a body sent in chunks (no declared length) is counted while it is read ({@link
 *       BodyLimitFilter}), and the read that passes the limit throws {@link
 *       ContentTooLargeException}, which {@code ProblemMappers} answers.
 * </ul>
 *
 * Either way the connection is closed after the answer, so that the rest of the body is not read.
 */
@Singleton
public class BodyLimit {
  /** The setting, as the problem names it. */
  public static final String PROPERTY = "quarkus.http.limits.max-body-size";

  /** How much of an unread body is discarded before the connection closes. */
  public static final long SWALLOW_BYTES = 4L * 1024 * 1024;

  /** How long an unread body is discarded before the connection closes. */
  public static final long SWALLOW_MILLIS = 3_000;

  /** The routing-context key where Quarkus leaves the limit for the body readers to enforce. */
  static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

  private final long maxBytes;
  private final ObjectMapper json;

  public BodyLimit(
      @ConfigProperty(name = PROPERTY, defaultValue = "10240K") String maxBodySize,
      ObjectMapper json) {
    this.maxBytes = new MemorySizeConverter().convert(maxBodySize).asLongValue();
    this.json = json;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** The problem for a body over the limit. */
  public ContentTooLargeException exceeded() {
    return new ContentTooLargeException(
        "body",
        "max-body-size",
        "The request body is larger than "
            + maxBytes
            + " bytes, the limit set by "
            + PROPERTY
            + "; send less (or split it), or raise the limit");
  }

  void route(@Observes Router router) {
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::checkDeclaredLength);
  }

  private void checkDeclaredLength(RoutingContext context) {
    String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && overLimit(declared)) {
      ContentTooLargeException e = exceeded();
      answer(context, Problem.tooLarge(e.field(), e.rule(), e.getMessage()));
      return;
    }
    context.next();
  }

  private boolean overLimit(String declared) {
    try {
      return Long.parseLong(declared.trim()) > maxBytes;
    } catch (NumberFormatException malformed) {
      return false; // not ours to judge: the HTTP codec refuses it
    }
  }

  /** Answers the problem from the route, and closes the connection once it is written. */
  private void answer(RoutingContext context, Problem problem) {
    HttpServerResponse response = context.response();
    byte[] body;
    try {
      body = json.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    closeAfterAnswer(context);
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(Buffer.buffer(body));
  }

  /**
   * The body was not read to its end: over HTTP/1.1 the connection cannot carry another request, so
   * it closes after the answer. Not at once: closing a socket with unread bytes resets it, and a
   * client still writing its body (most write it all before they read) loses the answer. So the
   * rest is read and discarded, as Tomcat's swallow does, up to {@link #SWALLOW_BYTES} or for
   * {@link #SWALLOW_MILLIS}, whichever ends first; a body past that is cut off by the close.
   */
  public static void closeAfterAnswer(RoutingContext context) {
    if (context.request().version() == HttpVersion.HTTP_2) {
      return; // the stream ends with the answer; the connection serves others
    }
    context.addEndHandler(done -> swallowThenClose(context));
  }

  private static void swallowThenClose(RoutingContext context) {
    HttpServerRequest request = context.request();
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = context.vertx().setTimer(SWALLOW_MILLIS, expired -> connection.close());
    long[] swallowed = {0};
    request.handler(
        discarded -> {
          swallowed[0] += discarded.length();
          if (swallowed[0] > SWALLOW_BYTES) {
            connection.close();
          }
        });
    request.exceptionHandler(failed -> connection.close());
    request.endHandler(
        ended -> {
          context.vertx().cancelTimer(timer);
          connection.close();
        });
    request.resume();
  }

  /** A body that throws {@link ContentTooLargeException} on the read that passes the limit. */
  static final class Bounded extends FilterInputStream {
    private final BodyLimit limit;
    private long read;
    private boolean exceeded;

    Bounded(InputStream body, BodyLimit limit) {
      super(body);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b != -1) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      counted(skipped);
      return skipped;
    }

    /** Once over the limit, closing does not read the rest of the body (as Quarkus's would). */
    @Override
    public void close() throws IOException {
      if (!exceeded) {
        super.close();
      }
    }

    private void counted(long n) {
      read += n;
      if (read > limit.maxBytes()) {
        exceeded = true;
        throw limit.exceeded();
      }
    }
  }
}
