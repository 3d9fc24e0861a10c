package io.butlerbench.pilot.clients;

import io.butlerbench.service.problem.UpstreamException;
import io.smallrye.faulttolerance.api.RetryWhen;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a failed outbound call means to the pilot: a status the caller reads ({@link
 * UpstreamAnswer}), or the upstream away, slow or garbled, which is an {@link UpstreamException}
 * (502, or 504 when it did not answer in time) and never a 500.
 */
public final class Upstream {
  private Upstream() {}

  /**
   * Calls {@code call}; an {@link UpstreamAnswer} passes through, any other failure (no connection,
   * a timeout of the client or of its fault tolerance, an open circuit, a body that is not what the
   * contract says) becomes an {@link UpstreamException} of {@code upstream}.
   */
  public static <T> T call(String upstream, Supplier<T> call) {
    try {
      return call.get();
    } catch (UpstreamAnswer answer) {
      throw answer;
    } catch (RuntimeException e) {
      throw new UpstreamException(upstream, asIoException("the call", e));
    }
  }

  /**
   * {@code failure} of {@code call} as the I/O failure it is: an {@link HttpTimeoutException} when
   * the upstream did not answer in time, so that it is told from one that answered wrongly.
   */
  public static IOException asIoException(String call, Throwable failure) {
    String reason =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    if (timedOut(failure)) {
      HttpTimeoutException timeout = new HttpTimeoutException(call + " timed out: " + reason);
      timeout.initCause(failure);
      return timeout;
    }
    return new IOException(call + ": " + reason, failure);
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException
          || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
          || cause instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * When a call whose repetition is harmless is tried again ({@link RetryWhen}): the connection
   * failed, or the upstream answered 429 or 5xx. Never a timeout (its answer may still come, and
   * waiting twice as long helps nobody) nor a refusal.
   */
  public static final class Transient implements Predicate<Throwable> {
    @Override
    public boolean test(Throwable failure) {
      if (failure instanceof UpstreamAnswer answer) {
        return answer.transientFailure();
      }
      return failure instanceof jakarta.ws.rs.ProcessingException && !timedOut(failure);
    }
  }
}
