package io.butlerbench.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.butlerbench.service.problem.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Row 3 of issue 8: the JDK client's request timeout stops at the response headers, so an exporter
 * that sent its headers and then stalled mid-body held the reading thread forever. The body now has
 * an idle deadline: no data for that long and the read fails as a timed-out upstream (504), and the
 * connection is let go.
 */
class ARecordStreamThatStallsFailsAtTheIdleDeadlineTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration IDLE = Duration.ofSeconds(1);
  static final Duration BOUND = Duration.ofSeconds(10);

  Exporter exporter;

  @AfterEach
  void stop() throws IOException {
    exporter.close();
  }

  @Test
  void aRecordStreamThatStallsAfterItsHeadersFailsAtTheIdleDeadlineInsteadOfBlocking() {
    exporter = new Exporter(List.of("{\"n\":1}", "{\"n\":2}"), Duration.ZERO, true);
    ServiceClient client = new ServiceClient(exporter.baseUrl(), () -> "token", JSON, IDLE);
    List<JsonNode> delivered = new ArrayList<>();
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          long start = System.nanoTime();
          UpstreamException failure =
              assertThrows(
                  UpstreamException.class,
                  () -> client.forEachJsonLine("/records", delivered::add));
          assertTrue(
              System.nanoTime() - start >= IDLE.toNanos() * 9 / 10,
              "it failed before the idle deadline");
          assertTrue(failure.timedOut(), "a stalled upstream is a timeout (504): " + failure);
          assertFalse(Thread.currentThread().isInterrupted(), "the reader was left interrupted");
        },
        "the read of a stalled stream blocked past the idle deadline");
    assertEquals(List.of(1, 2), delivered.stream().map(line -> line.path("n").asInt()).toList());
    assertTrue(exporter.connectionReleased(), "the stalled connection was not let go");
  }

  @Test
  void linesReadOneAtATimeFailAtTheIdleDeadlineWhenTheStreamStalls() {
    exporter = new Exporter(List.of("{\"n\":1}"), Duration.ZERO, true);
    ServiceClient client = new ServiceClient(exporter.baseUrl(), () -> "token", JSON, IDLE);
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          try (ServiceClient.JsonLines lines = client.openJsonLines("/records")) {
            assertEquals(1, lines.next().path("n").asInt());
            assertInstanceOf(
                HttpTimeoutException.class, assertThrows(IOException.class, lines::next));
          }
          assertFalse(Thread.currentThread().isInterrupted(), "the reader was left interrupted");
        },
        "the read of a stalled stream blocked past the idle deadline");
    assertTrue(exporter.connectionReleased(), "the stalled connection was not let go");
  }

  /**
   * The deadline is on silence, not on the whole read: a stream that keeps sending is read to its
   * end however long it takes, and the time the caller spends between lines does not count.
   */
  @Test
  void aSlowStreamThatKeepsSendingAndASlowReaderAreNotCutOff() {
    List<String> sent = List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
    exporter = new Exporter(sent, IDLE.multipliedBy(6).dividedBy(10), false);
    ServiceClient client = new ServiceClient(exporter.baseUrl(), () -> "token", JSON, IDLE);
    List<JsonNode> delivered = new ArrayList<>();
    assertTimeoutPreemptively(
        BOUND,
        () ->
            client.forEachJsonLine(
                "/records",
                line -> {
                  delivered.add(line);
                  if (delivered.size() == 1) {
                    sleep(IDLE.multipliedBy(3).dividedBy(2));
                  }
                }));
    assertEquals(4, delivered.size());
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          try (ServiceClient.JsonLines lines = client.openJsonLines("/records")) {
            assertEquals(1, lines.next().path("n").asInt());
            sleep(IDLE.multipliedBy(3).dividedBy(2));
            for (int n = 2; n <= 4; n++) {
              assertEquals(n, lines.next().path("n").asInt());
            }
            assertNull(lines.next());
          }
        });
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * An exporter on a raw socket, so that the test sees its connection close: it answers each
   * request 200 with {@code lines} as NDJSON chunks, {@code pause} apart, then either ends the body
   * or, when it {@code stalls}, sends nothing more and waits for the client to hang up.
   */
  static final class Exporter implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final CountDownLatch released = new CountDownLatch(1);

    Exporter(List<String> lines, Duration pause, boolean stalls) {
      try {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket connection = server.accept()) {
                    serve(connection, lines, pause, stalls);
                  } catch (IOException | InterruptedException e) {
                    return;
                  }
                }
              },
              "stalling-exporter");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve(Socket connection, List<String> lines, Duration pause, boolean stalls)
        throws IOException, InterruptedException {
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      while (requestArrived(in)) {
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (String line : lines) {
          byte[] chunk = (line + "\n").getBytes(StandardCharsets.UTF_8);
          out.write(
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(pause.toMillis());
        }
        if (stalls) {
          // headers and the first lines sent, the rest never comes: wait for the client to hang up
          while (in.read() != -1) {
            // the client sends nothing more on this connection
          }
          released.countDown();
          return;
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }

    /** Reads a request's head: false when the connection ended instead. */
    private static boolean requestArrived(InputStream in) throws IOException {
      int last = 0;
      for (int b = in.read(); b != -1; b = in.read()) {
        last = (last << 8) | b;
        if (last == 0x0d0a0d0a) {
          return true;
        }
      }
      return false;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Whether the client closed the stalled connection (within a few seconds). */
    boolean connectionReleased() {
      try {
        return released.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      thread.interrupt();
    }
  }
}
