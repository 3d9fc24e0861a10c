package io.butlerbench.benchmark.dataset;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Runs need datasets: not ready while the exporter does not answer. */
@Readiness
@Singleton
public class ExporterReadiness implements HealthCheck {
  private final DatasetSource datasets;

  public ExporterReadiness(DatasetSource datasets) {
    this.datasets = datasets;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("exporter").status(datasets.reachable()).build();
  }
}
