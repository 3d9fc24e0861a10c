package io.butlerbench.localstack;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the MongoDB wire protocol on loopback, persisted to one H2 file, until stopped.
 *
 * <pre>
 * java -jar embedded-mongo.jar [--supervise] [--heap 768m] [--cache-mb N] &lt;port&gt; &lt;data-file&gt;
 * </pre>
 *
 * With {@code --supervise} (how the local stack runs it) this process only watches: it runs the
 * server in a child JVM with {@code -Xmx<heap>} and starts it again whenever it dies (kill -9, out
 * of memory), and the new server repairs what the crash left (see {@link LocalStore}). Without it,
 * this process is the server.
 */
public final class EmbeddedMongo {
  static final String DEFAULT_HEAP = "768m";

  /**
   * The page cache counts MVStore's estimate of a page, and a deserialized document takes two to
   * three times that on the heap: a sixteenth of the heap, measured, leaves room for the rest.
   */
  static int defaultCacheMegabytes() {
    return (int) Math.max(4, Math.min(64, (Runtime.getRuntime().maxMemory() >> 20) / 16));
  }

  private EmbeddedMongo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Options options = Options.parse(args);
    if (options == null) {
      System.err.println(
          "usage: java -jar embedded-mongo.jar [--supervise] [--heap 768m] [--cache-mb N]"
              + " <port> <data-file>");
      System.exit(2);
      return;
    }
    if (options.supervise()) {
      System.exit(new Supervisor(options).run());
    }
    serve(options);
  }

  private static void serve(Options options) throws IOException, InterruptedException {
    Path dataFile = options.dataFile().toAbsolutePath();
    int cacheMegabytes =
        options.cacheMegabytes() > 0 ? options.cacheMegabytes() : defaultCacheMegabytes();
    LocalStore store = LocalStore.open(dataFile, cacheMegabytes);
    MongoServer server = new MongoServer(store.backend());
    server.bind(new InetSocketAddress("127.0.0.1", options.port()));
    Log.info(
        "embedded MongoDB on 127.0.0.1:%d, data in %s, heap at most %d MB, page cache %d MB",
        options.port(), dataFile, Runtime.getRuntime().maxMemory() >> 20, cacheMegabytes);

    CountDownLatch stopped = new CountDownLatch(1);
    // a clean shutdown (SIGTERM from the stop command) closes the H2 store so no write is lost
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    store.stopCommitting();
                    server.shutdown();
                    store.markClosedCleanly();
                    Log.info("stopped; %s closed cleanly", dataFile);
                  } catch (IOException | RuntimeException e) {
                    Log.error("the store did not close cleanly (%s); the next start repairs it", e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    stopped.countDown();
                  }
                },
                "embedded-mongo-shutdown"));
    if (options.watchParent()) {
      // run by a supervisor: a supervisor that is gone (even by kill -9) takes its server along
      ProcessHandle.current()
          .parent()
          .ifPresent(
              parent ->
                  parent
                      .onExit()
                      .thenRun(
                          () -> {
                            Log.warn("the supervisor (pid %d) is gone: stopping", parent.pid());
                            System.exit(0);
                          }));
    }
    stopped.await();
  }

  /** The command line. */
  record Options(
      boolean supervise,
      boolean watchParent,
      String heap,
      int cacheMegabytes,
      int port,
      Path dataFile) {

    static Options parse(String[] args) {
      boolean supervise = false;
      boolean watchParent = false;
      String heap = DEFAULT_HEAP;
      int cache = 0;
      List<String> positional = new ArrayList<>();
      try {
        for (int i = 0; i < args.length; i++) {
          switch (args[i]) {
            case "--supervise" -> supervise = true;
            case "--watch-parent" -> watchParent = true;
            case "--heap" -> heap = args[++i];
            case "--cache-mb" -> cache = Integer.parseInt(args[++i]);
            default -> positional.add(args[i]);
          }
        }
        if (positional.size() != 2 || !heap.matches("[0-9]+[kKmMgG]?") || cache < 0) {
          return null;
        }
        return new Options(
            supervise,
            watchParent,
            heap,
            cache,
            Integer.parseInt(positional.get(0)),
            Path.of(positional.get(1)));
      } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
        return null;
      }
    }

    /** The arguments of the server a supervisor runs. */
    List<String> serverArguments() {
      List<String> arguments = new ArrayList<>(List.of("--watch-parent"));
      if (cacheMegabytes > 0) {
        arguments.addAll(List.of("--cache-mb", String.valueOf(cacheMegabytes)));
      }
      arguments.addAll(List.of(String.valueOf(port), dataFile.toAbsolutePath().toString()));
      return arguments;
    }
  }
}
