package io.butlerbench.service.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;

/**
 * Another service (or the LLM endpoint) failed while this request needed it: answered 502, or 504
 * when it did not answer in time, never 500, since nothing is wrong with the request or with us.
 */
public class UpstreamException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  private final String upstream;

  public UpstreamException(String upstream, IOException cause) {
    super(upstream + " failed: " + cause.getMessage(), cause);
    this.upstream = upstream;
  }

  public String upstream() {
    return upstream;
  }

  /** Whether the upstream did not answer in time rather than answering wrongly. */
  public boolean timedOut() {
    for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
