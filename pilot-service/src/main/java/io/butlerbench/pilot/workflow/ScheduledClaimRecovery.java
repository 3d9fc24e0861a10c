package io.butlerbench.pilot.workflow;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;

/**
 * Runs {@link ClaimRecovery} at start-up and then on a schedule: a claim left by a process that
 * died is settled by whichever instance is up once the claim has timed out, not only by a restart.
 */
@Singleton
public class ScheduledClaimRecovery {
  private final ClaimRecovery recovery;

  public ScheduledClaimRecovery(ClaimRecovery recovery) {
    this.recovery = recovery;
  }

  @Scheduled(
      identity = "pilot-claim-recovery",
      every = "${pilot.claim-recovery-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void recover() {
    recovery.recoverOnce();
  }
}
