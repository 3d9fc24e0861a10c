package io.butlerbench.pilot.training;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Runs {@link TrainingPoller} on a schedule while a fine-tuning endpoint is configured. */
@Singleton
public class ScheduledTrainingPoll {
  private final Optional<TrainingPoller> poller;

  public ScheduledTrainingPoll(Optional<TrainingPoller> poller) {
    this.poller = poller;
  }

  @Scheduled(
      identity = "fine-tuning-poll",
      every = "${pilot.fine-tuning.poll-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    if (poller.isPresent()) {
      poller.get().pollOnce();
    }
  }
}
