package io.butlerbench.pilot.api;

import io.butlerbench.service.logging.WorkLog;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A step on a pilot ({@code /pilots/{id}/...}) logs with the pilot's id in the MDC ({@code
 * pilot_id}), from the request's start to its answer; the pollers set it per pilot themselves.
 */
public class PilotLogContext {
  @ServerRequestFilter
  public void enter(UriInfo uri) {
    // {id} is a pilot's id: no other path of this service has one
    String id = uri.getPathParameters().getFirst("id");
    if (id != null) {
      WorkLog.enter(WorkLog.PILOT_ID, id);
    }
  }

  @ServerResponseFilter
  public void leave(ContainerResponseContext response) {
    WorkLog.leave(WorkLog.PILOT_ID, null);
  }
}
