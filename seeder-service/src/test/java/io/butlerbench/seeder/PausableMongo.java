package io.butlerbench.seeder;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * An in-process MongoDB whose outage keeps the data: {@link #pause()} closes the port and every
 * connection (a request in flight fails as with a crashed server), {@link #resume()} serves the
 * same documents again. (The shared {@code InProcessMongo} starts empty after an outage.)
 */
public final class PausableMongo implements AutoCloseable {
  private final int port = freePort();
  private final MemoryBackend backend =
      new MemoryBackend() {
        @Override
        public void close() {
          // kept across outages; the documents go with the test JVM
        }
      };
  private MongoServer server;

  public synchronized void resume() {
    if (server == null) {
      server = new MongoServer(backend);
      server.bind(new InetSocketAddress("127.0.0.1", port));
    }
  }

  public synchronized void pause() {
    if (server != null) {
      server.shutdownNow();
      server = null;
    }
  }

  public String connectionString() {
    return "mongodb://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    pause();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the test MongoDB server", e);
    }
  }
}
