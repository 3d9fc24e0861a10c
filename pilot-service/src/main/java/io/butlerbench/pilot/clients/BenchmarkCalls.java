package io.butlerbench.pilot.clients;

import io.butlerbench.contracts.run.RunSummary;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The calls to the benchmark with their fault tolerance, set for this client under {@code
 * quarkus.fault-tolerance."io.butlerbench.pilot.clients.BenchmarkCalls"}. Reads are retried on a
 * transient failure ({@link Upstream.Transient}); starting a run never is.
 */
@ApplicationScoped
@Timeout
@Retry
@RetryWhen(exception = Upstream.Transient.class)
@ExponentialBackoff
@CircuitBreaker(skipOn = UpstreamAnswer.Refused.class)
public class BenchmarkCalls {
  private final BenchmarkApi api;

  public BenchmarkCalls(@RestClient BenchmarkApi api) {
    this.api = api;
  }

  /**
   * Never retried: a start whose answer was lost may have started a run, and the run poller owns
   * what happens next ({@code BenchmarkRuns}).
   */
  @Retry(maxRetries = 0)
  public RestResponse<RunSummary> start(RunRequest request) {
    return api.start(request);
  }

  public RunSummary run(String runId) {
    return api.run(runId);
  }

  public List<SampleRead> reads(String runId, String subject) {
    return api.reads(runId, subject);
  }

  /** Whether the benchmark answers its liveness probe: fast, for readiness, never retried. */
  @Timeout(2000)
  @Retry(maxRetries = 0)
  public boolean live() {
    return api.live().getStatus() == 200;
  }
}
