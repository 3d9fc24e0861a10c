package io.butlerbench.pilot.clients;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The calls to the exporter with their fault tolerance, set for this client under {@code
 * quarkus.fault-tolerance."io.butlerbench.pilot.clients.ExporterCalls"}. Every call is a read
 * (validation included: it reports on a published version and changes nothing), so each is retried
 * on a transient failure ({@link Upstream.Transient}).
 */
@ApplicationScoped
@Timeout
@Retry
@RetryWhen(exception = Upstream.Transient.class)
@ExponentialBackoff
@CircuitBreaker(skipOn = UpstreamAnswer.Refused.class)
public class ExporterCalls {
  private final ExporterApi api;

  public ExporterCalls(@RestClient ExporterApi api) {
    this.api = api;
  }

  public DatasetManifest latest(String dataset) {
    return api.latest(dataset);
  }

  public DatasetManifest version(String dataset, String version) {
    return api.version(dataset, version);
  }

  public DatasetValidation validate(DatasetValidation.Request request) {
    return api.validate(request);
  }

  /** The records' body, returned with the answer's headers: the timeout bounds only that. */
  public InputStream records(String dataset, String version) {
    return api.records(dataset, version);
  }

  /** Whether the exporter answers its liveness probe: fast, for readiness, never retried. */
  @Timeout(2000)
  @Retry(maxRetries = 0)
  public boolean live() {
    return api.live().getStatus() == 200;
  }
}
