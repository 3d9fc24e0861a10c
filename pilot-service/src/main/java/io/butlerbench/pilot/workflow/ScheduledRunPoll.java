package io.butlerbench.pilot.workflow;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Runs the benchmark run poller ({@link BenchmarkRuns#pollOnce}) on a schedule, on every instance:
 * baseline, evaluation and recovery runs move their pilots on from here, not from the request that
 * started them. The runs live in MongoDB, so a restarted service follows them where it stopped.
 */
@Singleton
public class ScheduledRunPoll {
  private static final Logger LOG = Logger.getLogger(ScheduledRunPoll.class);
  private final PilotService pilots;

  public ScheduledRunPoll(PilotService pilots) {
    this.pilots = pilots;
  }

  @Scheduled(
      identity = "pilot-run-poll",
      every = "${pilot.run-poll-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    try {
      pilots.pollRuns();
    } catch (RuntimeException e) {
      // MongoDB away: the pilots keep waiting, the next tick looks again
      LOG.warnf("could not look for pilots waiting for benchmark runs: %s", e.getMessage());
    }
  }
}
