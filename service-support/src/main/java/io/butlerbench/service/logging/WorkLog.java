package io.butlerbench.service.logging;

import org.jboss.logging.MDC;

/**
 * Puts the id of the work a thread does (a benchmark run, an export, a seeding, a pilot) in the
 * logging MDC, so that every line logged for that work carries it: as a field of each JSON line in
 * production (quarkus-logging-json writes the MDC), and readable by a test on each record.
 *
 * <pre>{@code
 * Object previous = WorkLog.enter(WorkLog.SEEDING_ID, id);
 * try {
 *   ...
 * } finally {
 *   WorkLog.leave(WorkLog.SEEDING_ID, previous);
 * }
 * }</pre>
 */
public final class WorkLog {
  public static final String RUN_ID = "run_id";
  public static final String EXPORT_ID = "export_id";
  public static final String DATASET_ID = "dataset_id";
  public static final String SEEDING_ID = "seeding_id";
  public static final String PILOT_ID = "pilot_id";

  private WorkLog() {}

  /** Sets {@code key} on this thread; returns the value it replaces, for {@link #leave}. */
  public static Object enter(String key, String id) {
    return MDC.put(key, id);
  }

  /** Gives {@code key} back the value {@link #enter} replaced (none: removes it). */
  public static void leave(String key, Object previous) {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }

  /**
   * {@code work} for another thread (a pool's worker), run with the value {@code key} has on this
   * thread now.
   */
  public static Runnable carrying(String key, Runnable work) {
    Object id = MDC.get(key);
    if (id == null) {
      return work;
    }
    return () -> {
      Object previous = enter(key, id.toString());
      try {
        work.run();
      } finally {
        leave(key, previous);
      }
    };
  }
}
