package io.butlerbench.pilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The exporter's records of dataset version {@code v1}, served in two halves: after the first half
 * it waits until the test {@link #open() opens the gate} (at most {@link #WAIT_SECONDS} seconds)
 * and only then sends the rest. Whoever needs the whole dataset before handing anything on makes it
 * wait in vain: that is how a test tells a stream from a file held in memory.
 */
public final class GatedExporter implements AutoCloseable {
  static final String RECORDS = "/datasets/benchmark_digest_ru_v1/versions/v1/records";
  static final int WAIT_SECONDS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int records;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private volatile CountDownLatch gate = new CountDownLatch(1);
  private volatile boolean waitedInVain;

  /** {@code records} records of about 1 KB each. */
  public GatedExporter(int records) {
    this.records = records;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext(RECORDS, this::serve);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The server the test adds its own contexts to (the fine-tuning API, say). */
  public HttpServer server() {
    return server;
  }

  /** A new gate for the next request, closed. */
  public void arm() {
    gate = new CountDownLatch(1);
    waitedInVain = false;
  }

  /** Lets the rest of the records go. */
  public void open() {
    gate.countDown();
  }

  /** Whether the second half had to be sent without the gate ever opening. */
  public boolean waitedInVain() {
    return waitedInVain;
  }

  public static String sourceText(int i) {
    return "Пост номер " + i + " " + "текст ".repeat(170);
  }

  public static String record(int i) {
    return JSON.createObjectNode()
        .put("sample_id", "s-" + i)
        .put("source_text", sourceText(i))
        .put("summary_markdown", "- **Итог " + i + "**: кратко.")
        .toString();
  }

  /** The training file of these records, as the pilot serves and uploads it. */
  public String trainingFile() {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < records; i++) {
      ObjectNode line = JSON.createObjectNode();
      var messages = line.putArray("messages");
      messages
          .addObject()
          .put("role", "system")
          .put("content", "Сделай краткое изложение на русском языке.");
      messages.addObject().put("role", "user").put("content", sourceText(i));
      messages.addObject().put("role", "assistant").put("content", "- **Итог " + i + "**: кратко.");
      file.append(line).append('\n');
    }
    return file.toString();
  }

  private void serve(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < records; i++) {
        if (i == records / 2) {
          out.flush();
          try {
            waitedInVain = !gate.await(WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        out.write((record(i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public void close() {
    gate.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
