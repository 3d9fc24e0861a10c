package io.butlerbench.service.http;

import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body sent in chunks has no length to check up front: Quarkus counts it while it is read and
 * answers a bare 413. Here it is counted instead, so that passing the limit is a {@link
 * io.butlerbench.service.problem.ContentTooLargeException} and answered as a problem. Only on a
 * worker thread (every endpoint here is blocking): an endpoint on the event loop keeps Quarkus's
 * own check.
 */
public class BodyLimitFilter {
  private final BodyLimit limit;

  public BodyLimitFilter(BodyLimit limit) {
    this.limit = limit;
  }

  @ServerRequestFilter
  public void countChunkedBody(ContainerRequestContext request, RoutingContext context) {
    // Quarkus leaves the limit here only when the length was not declared
    if (context.get(BodyLimit.QUARKUS_LIMIT_KEY) == null
        || !sendsBody(context.request())
        || !BlockingOperationControl.isBlockingAllowed()) {
      return;
    }
    context.remove(BodyLimit.QUARKUS_LIMIT_KEY);
    request.setEntityStream(new BodyLimit.Bounded(request.getEntityStream(), limit));
  }

  private static boolean sendsBody(HttpServerRequest request) {
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || (request.version() == HttpVersion.HTTP_2 && !request.isEnded());
  }
}
