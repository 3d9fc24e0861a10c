package io.butlerbench.localstack;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedded server (or its supervisor) as a real child JVM on this module's classpath, so that a
 * test can kill it with SIGKILL. Its output goes to a log file the test reads.
 *
 * <p>System property {@code embeddedMongo.classpath} puts other classes first: that is how these
 * tests were run against the server as it was before, to see them fail.
 */
final class ServerProcess implements AutoCloseable {
  static final Duration START = Duration.ofSeconds(120);

  final int port;
  final Path dataFile;
  final Path log;
  private final Process process;

  private ServerProcess(int port, Path dataFile, Path log, Process process) {
    this.port = port;
    this.dataFile = dataFile;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code EmbeddedMongo} with the given heap and arguments before port and file. */
  static ServerProcess start(String heap, int port, Path dataFile, String... options)
      throws IOException {
    Path log = dataFile.resolveSibling("server-" + System.nanoTime() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    String classpath = serverClasspath();
    String before = System.getProperty("embeddedMongo.classpath", "");
    command.add(before.isEmpty() ? classpath : before + File.pathSeparator + classpath);
    command.add(EmbeddedMongo.class.getName());
    command.addAll(List.of(options));
    command.add(String.valueOf(port));
    command.add(dataFile.toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ServerProcess(port, dataFile, log, process);
  }

  ServerProcess awaitServing() {
    await()
        .atMost(START)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !process.isAlive() || accepts(port));
    if (!process.isAlive()) {
      throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + log());
    }
    return this;
  }

  /**
   * The server's own runtime classpath out of the test's: the test's also holds the seeder and
   * Quarkus, whose logging bootstrap keeps every log record (with the documents it names) in memory
   * when Quarkus never starts, which a small heap does not survive.
   */
  static String serverClasspath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            entry ->
                !entry.endsWith(".jar")
                    || Stream.of("/de/bwaldvogel/", "/com/h2database/", "/io/netty/", "/slf4j-api/")
                        .anyMatch(group -> entry.replace(File.separatorChar, '/').contains(group)))
        .collect(Collectors.joining(File.pathSeparator));
  }

  String connectionString() {
    return "mongodb://127.0.0.1:" + port;
  }

  Process process() {
    return process;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL, and wait until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().onExit().join();
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
