package io.butlerbench.benchmark.run;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The run's deadline as one pass sees it: the wall-clock deadline stored with the run, turned once
 * into {@link System#nanoTime()} terms because the pass's waits take nanosecond timeouts. Armed, it
 * interrupts the pass's thread when it passes, which ends every wait of the pass, a wait for the
 * next bytes of the dataset stream included.
 */
final class RunDeadline {
  private static final ScheduledExecutorService ALARMS =
      Executors.newSingleThreadScheduledExecutor(
          work -> {
            Thread thread = new Thread(work, "benchmark-run-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  private final long deadlineNanos;
  private final Duration runDeadline;
  private volatile boolean alarmRang;
  private ScheduledFuture<?> alarm;

  /** {@code remaining}: from now to the deadline; {@code runDeadline}: the run's whole budget. */
  RunDeadline(long nowNanos, Duration remaining, Duration runDeadline) {
    this.deadlineNanos = nowNanos + Math.max(0, remaining.toNanos());
    this.runDeadline = runDeadline;
  }

  /** Interrupts the calling thread when the deadline passes, until {@link #disarm()}. */
  void arm() {
    Thread passThread = Thread.currentThread();
    alarm =
        ALARMS.schedule(
            () -> {
              alarmRang = true;
              passThread.interrupt();
            },
            remainingNanos(),
            TimeUnit.NANOSECONDS);
  }

  /**
   * Stops the alarm. If it rang or is ringing, waits until it is done and spends its interrupt, so
   * that the writes that record the run's end do not see it. Called on the armed thread.
   */
  void disarm() {
    if (!alarm.cancel(false)) {
      while (!alarm.isDone()) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
    }
  }

  /** True once the alarm rang: an interrupt or failure seen since is the deadline's doing. */
  boolean rang() {
    return alarmRang;
  }

  boolean passed() {
    return System.nanoTime() > deadlineNanos;
  }

  long remainingNanos() {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  /** Why the run fails when it passed its deadline. */
  String reason() {
    return "the run passed its deadline of "
        + runDeadline.toSeconds()
        + " s; what was stored is kept: resume it with POST /runs/{id}/resume";
  }
}
