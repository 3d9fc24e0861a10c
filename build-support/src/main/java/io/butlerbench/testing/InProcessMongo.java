package io.butlerbench.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real MongoDB wire-protocol server (mongo-java-server, in memory) on a free loopback port. Tests
 * talk to it with the real driver; it can be stopped and started again on the same port to play an
 * outage: {@link #pause()} closes the port and every connection (a request in flight fails as with
 * a crashed server), {@link #resume()} serves the same documents again, as a real server does after
 * a restart.
 */
public final class InProcessMongo implements AutoCloseable {
  /** Held so the level sticks: the server logs every connection and index at INFO. */
  private static final Logger SERVER_LOG = quietServerLog();

  private final int port;
  private final MemoryBackend backend =
      new MemoryBackend() {
        @Override
        public void close() {
          // kept across outages; the documents go with this object
        }
      };
  private MongoServer server;

  private InProcessMongo(int port) {
    this.port = port;
  }

  /** Starts a server on a random free port. */
  public static InProcessMongo start() {
    InProcessMongo mongo = new InProcessMongo(freePort());
    mongo.resume();
    return mongo;
  }

  /** Reserves a free port without listening on it yet: an outage from the first moment. */
  public static InProcessMongo stopped() {
    return new InProcessMongo(freePort());
  }

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

  private static Logger quietServerLog() {
    Logger logger = Logger.getLogger("de.bwaldvogel.mongo");
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the test MongoDB server", e);
    }
  }
}
