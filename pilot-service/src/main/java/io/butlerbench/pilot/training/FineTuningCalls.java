package io.butlerbench.pilot.training;

import io.butlerbench.pilot.clients.Upstream;
import io.butlerbench.pilot.clients.UpstreamAnswer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The calls to the fine-tuning API with their fault tolerance, set for this client under {@code
 * quarkus.fault-tolerance."io.butlerbench.pilot.training.FineTuningCalls"}. Reads are retried on a
 * transient failure ({@link Upstream.Transient}); uploading a file and creating a job never are.
 */
@ApplicationScoped
@Timeout
@Retry
@RetryWhen(exception = Upstream.Transient.class)
@ExponentialBackoff
@CircuitBreaker(skipOn = UpstreamAnswer.Refused.class)
public class FineTuningCalls {
  private final FineTuningApi api;

  public FineTuningCalls(@RestClient FineTuningApi api) {
    this.api = api;
  }

  /** Never retried: the form is a stream, read once as it is sent. */
  @Retry(maxRetries = 0)
  public FineTuningJob.UploadedFile upload(String contentType, InputStream form) {
    return api.upload(contentType, form);
  }

  /**
   * Never retried: a creation whose answer was lost may have made a paid job, which the next
   * submission adopts by its {@code metadata.pilot_id} ({@link OpenAiFineTuning}).
   */
  @Retry(maxRetries = 0)
  public FineTuningJob create(FineTuningJob.Request job) {
    return api.create(job);
  }

  public FineTuningJob.Page jobsOf(String pilotId) {
    return api.jobsOf(pilotId);
  }

  public FineTuningJob job(String id) {
    return api.job(id);
  }
}
