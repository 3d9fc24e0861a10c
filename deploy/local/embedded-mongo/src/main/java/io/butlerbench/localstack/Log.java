package io.butlerbench.localstack;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One line per event on standard output, which the local stack keeps in {@code
 * .run/logs/embedded-mongo.log}. (mongo-java-server logs through SLF4J, which has no binding here.)
 */
final class Log {
  private Log() {}

  static void info(String format, Object... args) {
    print("INFO ", format, args);
  }

  static void warn(String format, Object... args) {
    print("WARN ", format, args);
  }

  static void error(String format, Object... args) {
    print("ERROR", format, args);
  }

  private static synchronized void print(String level, String format, Object... args) {
    System.out.printf(
        "%s %s [embedded-mongo pid %d] %s%n",
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        level,
        ProcessHandle.current().pid(),
        String.format(format, args));
    System.out.flush();
  }
}
