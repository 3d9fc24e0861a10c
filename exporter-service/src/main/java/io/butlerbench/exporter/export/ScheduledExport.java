package io.butlerbench.exporter.export;

import io.butlerbench.exporter.ExporterConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Keeps {@code latest} of both datasets fresh; off unless {@code exporter.schedule.cron} is set.
 */
@Singleton
public class ScheduledExport {
  private static final Logger LOG = Logger.getLogger(ScheduledExport.class);

  private final Exporter exporter;
  private final ExporterConfig config;

  public ScheduledExport(Exporter exporter, ExporterConfig config) {
    this.exporter = exporter;
    this.config = config;
  }

  @Scheduled(
      identity = "dataset-export",
      cron = "${exporter.schedule.cron}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void exportBoth() {
    for (Source source : Source.values()) {
      try {
        Exporter.Outcome outcome =
            exporter.export(
                ExportPlan.from(
                    new ExportRequest(
                        source.collection(),
                        config.schedule().windowHours(),
                        null,
                        null,
                        null,
                        null)));
        LOG.infof(
            "Scheduled export of %s: version %s (%s, %s), %d records",
            source.datasetId(),
            outcome.manifest().version(),
            outcome.created() ? "new" : "unchanged",
            // a window under the default, or newer data already latest, keeps latest where it is
            outcome.latest() ? "latest" : "not latest",
            outcome.manifest().recordCount());
      } catch (ExportFailedException e) {
        LOG.warnf(
            "Scheduled export of %s published nothing: %s", source.datasetId(), e.getMessage());
      }
    }
  }
}
