package io.butlerbench.benchmark.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streamed response body whose reads fail once the sender has been silent for the idle time.
 *
 * <p>The REST client's {@code @Timeout} ends with the response headers; a body read then waits for
 * the next bytes. Its own read timeout is not the idle time: it also counts the time the reader
 * spends between reads (a run judging its chunk), and closing the body does not wake a waiting
 * read. An interrupt does: so each read arms an alarm that interrupts the reading thread if no byte
 * arrived in time, and the read then fails with an {@link HttpTimeoutException}, which an {@code
 * UpstreamException} answers as 504. Only the wait for bytes counts, and an interrupt the alarm
 * sent is spent before the read returns, so no thread is left interrupted by it.
 */
final class IdleDeadlineReader extends InputStream {
  /** One daemon thread for every stream's alarms; a cancelled alarm leaves the queue at once. */
  private static final ScheduledThreadPoolExecutor ALARMS = alarms();

  private final InputStream body;
  private final String source;
  private final Duration idleTimeout;

  /** {@code source} names the sender in the failure: the URL read, say. */
  IdleDeadlineReader(InputStream body, String source, Duration idleTimeout) {
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
    Thread reader = Thread.currentThread();
    AtomicBoolean stalled = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        ALARMS.schedule(
            () -> {
              stalled.set(true);
              reader.interrupt();
            },
            idleTimeout.toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      return read.run();
    } catch (InterruptedIOException e) {
      throw stalled.get() ? timedOut() : e;
    } finally {
      if (!alarm.cancel(false)) {
        // the alarm ran or is running: once it is done, spend its interrupt
        while (!alarm.isDone()) {
          Thread.onSpinWait();
        }
        if (stalled.get()) {
          Thread.interrupted();
        }
      }
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
              Thread thread = new Thread(work, "exporter-idle-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    alarms.setRemoveOnCancelPolicy(true);
    return alarms;
  }
}
