package io.butlerbench.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded server running: starts it in a child JVM and starts it again whenever it exits
 * without being asked to (kill -9, out of memory: the child runs with {@code
 * -XX:+ExitOnOutOfMemoryError} rather than limp on with a half-written insert). The services
 * reconnect by themselves, so after a crash the stack comes back without anyone touching it.
 *
 * <p>SIGTERM to the supervisor stops the child with SIGTERM (its store closes cleanly), waiting at
 * most {@link #STOP_WAIT}. A server that keeps dying within {@link #QUICK} of its start (port
 * taken, unreadable file) is given up after {@link #MAX_QUICK_FAILURES} tries.
 */
final class Supervisor {
  static final Duration STOP_WAIT = Duration.ofSeconds(20);
  static final Duration QUICK = Duration.ofSeconds(10);
  static final int MAX_QUICK_FAILURES = 5;

  private final List<String> command;
  private volatile boolean stopping;
  private Process child;

  Supervisor(EmbeddedMongo.Options options) {
    command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + options.heap());
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EmbeddedMongo.class.getName());
    command.addAll(options.serverArguments());
  }

  int run() throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopChild, "supervisor-stop"));
    int quickFailures = 0;
    while (!stopping) {
      long started = System.nanoTime();
      Process server;
      synchronized (this) {
        if (stopping) {
          break;
        }
        try {
          server = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
          Log.error("cannot start the embedded MongoDB (%s)", e.getMessage());
          return 1;
        }
        child = server;
      }
      Log.info("supervisor: started the embedded MongoDB, pid %d", server.pid());
      int exit = server.waitFor();
      if (stopping) {
        break;
      }
      Duration ran = Duration.ofNanos(System.nanoTime() - started);
      quickFailures = ran.compareTo(QUICK) < 0 ? quickFailures + 1 : 0;
      if (quickFailures >= MAX_QUICK_FAILURES) {
        Log.error(
            "supervisor: the embedded MongoDB died %d times in a row within %d s of its start;"
                + " giving up (see the lines above)",
            quickFailures, QUICK.toSeconds());
        return 1;
      }
      Duration pause = Duration.ofSeconds(Math.min(10, 1L << quickFailures));
      Log.warn(
          "supervisor: the embedded MongoDB (pid %d) exited with %s after %d s; starting it again"
              + " in %d s (it repairs what the crash left)",
          server.pid(), describe(exit), ran.toSeconds(), pause.toSeconds());
      synchronized (this) {
        // woken early by stopChild
        wait(pause.toMillis());
      }
    }
    return 0;
  }

  private static String describe(int exit) {
    return switch (exit) {
      case 137 -> "signal 9 (killed)";
      case 143 -> "signal 15 (terminated)";
      case 3 -> "code 3 (out of memory)";
      case 4 -> "code 4 (the store failed)";
      default -> "code " + exit;
    };
  }

  private void stopChild() {
    Process server;
    synchronized (this) {
      stopping = true;
      server = child;
      notifyAll();
    }
    if (server == null || !server.isAlive()) {
      return;
    }
    server.destroy();
    try {
      if (!server.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        Log.error(
            "supervisor: the embedded MongoDB did not stop within %d s; killing it (the next start"
                + " repairs the file)",
            STOP_WAIT.toSeconds());
        server.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Log.info("supervisor: stopped");
  }
}
