package io.butlerbench.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the MongoDB wire protocol on loopback, persisted to one H2 file, until stopped. Usage:
 * {@code java -jar embedded-mongo.jar <port> <data-file>}.
 */
public final class EmbeddedMongo {
  private EmbeddedMongo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: java -jar embedded-mongo.jar <port> <data-file>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path dataFile = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(dataFile.getParent());

    MongoServer server = new MongoServer(new H2Backend(dataFile.toString()));
    server.bind(new InetSocketAddress("127.0.0.1", port));
    System.out.printf("embedded MongoDB on 127.0.0.1:%d, data in %s%n", port, dataFile);

    CountDownLatch stopped = new CountDownLatch(1);
    // a clean shutdown (SIGTERM from the stop command) closes the H2 store so no write is lost
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
