package io.butlerbench.service.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A response body whose reads fail once the sender has been silent for the idle time.
 *
 * <p>The JDK client's request timeout ends with the response headers, and a read of the body waits
 * in a queue for the next bytes: a sender that stalls mid-body would hold the reading thread, and
 * its connection, forever. Interrupting the reader does not help on Java 17, whose body stream
 * swallows the interrupt and waits again. Closing the body does: it wakes the waiting read, which
 * then fails, and it lets the connection go. So each read arms an alarm that closes the body from
 * the alarm's thread if no byte arrived in time, and the read then fails with an {@link
 * HttpTimeoutException}, which an {@code UpstreamException} answers as 504. Only the wait for bytes
 * counts, never the caller's time between reads; and no thread is interrupted, so none can be left
 * interrupted.
 */
final class IdleDeadlineStream extends InputStream {
  /**
   * One daemon thread for every stream's alarms. An alarm is cancelled by almost every read, so a
   * cancelled one leaves the queue at once instead of waiting there for its delay.
   */
  private static final ScheduledThreadPoolExecutor ALARMS = alarms();

  private final InputStream body;
  private final String source;
  private final Duration idleTimeout;
  private volatile boolean stalled;

  /** {@code source} names the sender in the failure: the URL read, say. */
  IdleDeadlineStream(InputStream body, String source, Duration idleTimeout) {
    this.body = body;
    this.source = source;
    this.idleTimeout = idleTimeout;
  }

  private interface Read {
    int run() throws IOException;
  }

  @Override
  public int read() throws IOException {
    return guarded(body::read);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return guarded(() -> body.read(buffer, offset, length));
  }

  @Override
  public int available() throws IOException {
    return body.available();
  }

  @Override
  public void close() throws IOException {
    body.close();
  }

  private int guarded(Read read) throws IOException {
    if (stalled) {
      throw timedOut(); // the alarm closed the body after the last read had returned
    }
    ScheduledFuture<?> alarm =
        ALARMS.schedule(this::stall, idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return read.run();
    } catch (IOException e) {
      // the body closed under the read: say why, rather than "closed"
      throw stalled ? timedOut() : e;
    } finally {
      alarm.cancel(false);
    }
  }

  private void stall() {
    stalled = true;
    try {
      body.close();
    } catch (IOException e) {
      // the body is let go all the same; the read reports the stall
    }
  }

  private HttpTimeoutException timedOut() {
    long millis = idleTimeout.toMillis();
    return new HttpTimeoutException(
        source
            + " sent no data for "
            + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms")
            + " mid-body; the read was abandoned");
  }

  private static ScheduledThreadPoolExecutor alarms() {
    ScheduledThreadPoolExecutor alarms =
        new ScheduledThreadPoolExecutor(
            1,
            work -> {
              Thread thread = new Thread(work, "service-client-idle-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    alarms.setRemoveOnCancelPolicy(true);
    return alarms;
  }
}
