package io.butlerbench.pilot.clients;

import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * An answer of another service (or the fine-tuning API) other than 2xx, with its status and body
 * kept for the caller, who decides what it means: a 404 of a run is news, a 400 names a field. A
 * {@link Refused} (4xx) says nothing about the upstream's health; a {@link Failed} (5xx) does, and
 * is retried where retrying is safe and counted by the circuit breakers.
 */
public abstract sealed class UpstreamAnswer extends RuntimeException
    permits UpstreamAnswer.Refused, UpstreamAnswer.Failed {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String body;

  UpstreamAnswer(int status, String body) {
    super("answered HTTP " + status + (body.isBlank() ? "" : ": " + body));
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The body as sent, empty when there was none. */
  public String body() {
    return body;
  }

  /** Whether asking again later may get another answer: 429 and 5xx. */
  public boolean transientFailure() {
    return status == 429 || status >= 500;
  }

  /** A 4xx. */
  public static final class Refused extends UpstreamAnswer {
    private static final long serialVersionUID = 1L;

    Refused(int status, String body) {
      super(status, body);
    }
  }

  /** A 5xx (or any other status that is neither success nor refusal). */
  public static final class Failed extends UpstreamAnswer {
    private static final long serialVersionUID = 1L;

    Failed(int status, String body) {
      super(status, body);
    }
  }

  /** Registered on every REST client of this service in place of the default mapper. */
  public static final class Mapper implements ResponseExceptionMapper<UpstreamAnswer> {
    @Override
    public UpstreamAnswer toThrowable(Response response) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      int status = response.getStatus();
      return status >= 400 && status < 500
          ? new Refused(status, body == null ? "" : body)
          : new Failed(status, body == null ? "" : body);
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
      return status >= 400;
    }
  }
}
