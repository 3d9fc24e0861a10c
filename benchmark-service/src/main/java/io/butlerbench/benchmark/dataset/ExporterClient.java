package io.butlerbench.benchmark.dataset;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.service.security.ServiceTokenHeaders;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The exporter's REST API, asked with this service's own token ({@link ServiceTokenHeaders}): the
 * manifest of a dataset version, and its records as NDJSON, read as a stream. Each call must be
 * answered (its headers) within its {@code @Timeout}; a manifest that fails other than by a 404 is
 * asked again with exponential back-off and jitter, and a circuit breaker stops asking an exporter
 * that keeps failing. The values are MicroProfile Fault Tolerance keys in {@code
 * application.properties}.
 */
@RegisterRestClient(configKey = "exporter")
@RegisterClientHeaders(ServiceTokenHeaders.class)
public interface ExporterClient {

  @GET
  @Path("/datasets/{dataset_id}/latest")
  @Produces(MediaType.APPLICATION_JSON)
  @Timeout(10_000)
  @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = NotFoundException.class)
  @ExponentialBackoff
  @CircuitBreaker(skipOn = NotFoundException.class)
  DatasetManifest latest(@PathParam("dataset_id") String datasetId);

  @GET
  @Path("/datasets/{dataset_id}/versions/{version}")
  @Produces(MediaType.APPLICATION_JSON)
  @Timeout(10_000)
  @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = NotFoundException.class)
  @ExponentialBackoff
  @CircuitBreaker(skipOn = NotFoundException.class)
  DatasetManifest version(
      @PathParam("dataset_id") String datasetId, @PathParam("version") String version);

  /**
   * The records of a version, in published order. Answered once the headers are in: the body is
   * read as it arrives, and its idle deadline is the reader's ({@link ExporterDatasets}). Not
   * retried: a run's deadline interrupts the wait for the headers, and a retry would wait again.
   */
  @GET
  @Path("/datasets/{dataset_id}/versions/{version}/records")
  @Produces("application/x-ndjson")
  @Timeout(60_000)
  @CircuitBreaker(skipOn = NotFoundException.class)
  InputStream records(
      @PathParam("dataset_id") String datasetId, @PathParam("version") String version);

  /** The exporter's liveness probe; anything but a 200 fails. */
  @GET
  @Path("/q/health/live")
  @Timeout(2_000)
  void live();

  /** A 404 says "no such dataset or version"; any other refusal is the exporter failing. */
  @ClientExceptionMapper
  static RuntimeException failure(Response response) {
    if (response.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
      return new NotFoundException("the exporter has no such dataset or version");
    }
    return new ExporterFailure("the exporter answered HTTP " + response.getStatus());
  }

  /** The exporter answered, but with a failure: retried, then reported upstream. */
  class ExporterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExporterFailure(String message) {
      super(message);
    }
  }
}
