package io.butlerbench.benchmark.run;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The clock of run sharing: a heartbeat that keeps this instance's claims alive, and a sweep that
 * joins runs with work nobody does (unclaimed or abandoned chunks, dead instances, a restart).
 */
@Singleton
public class RunLeases {
  private static final Logger LOG = Logger.getLogger(RunLeases.class);

  private final Runner runner;
  private final RunService runs;

  public RunLeases(Runner runner, RunService runs) {
    this.runner = runner;
    this.runs = runs;
  }

  @Scheduled(
      every = "${benchmark.heartbeat-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void heartbeat() {
    try {
      runner.heartbeat();
    } catch (RuntimeException e) {
      LOG.warnf("heartbeat failed (MongoDB unreachable?): %s", e.getMessage());
    }
  }

  @Scheduled(
      every = "${benchmark.sweep-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      runner.sweep(runs::planOf);
    } catch (RuntimeException e) {
      LOG.warnf("sweep failed (MongoDB unreachable?): %s", e.getMessage());
    }
  }
}
