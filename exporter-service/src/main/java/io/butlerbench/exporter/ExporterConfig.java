package io.butlerbench.exporter;

import io.butlerbench.exporter.export.ExportPlan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The exporter's knobs. */
@ConfigMapping(prefix = "exporter")
public interface ExporterConfig {

  /** Folder of the file-system dataset store (a volume in compose). */
  @WithDefault("data/datasets")
  String storageDir();

  /** No published file is larger than this (500 KB, the repository-wide rule). */
  @WithDefault("512000")
  long maxPartBytes();

  Schedule schedule();

  /** Scheduled exports of both datasets, keeping {@code latest} fresh. */
  interface Schedule {
    /** Quartz cron, e.g. {@code 0 30 * * * ?}; {@code off} disables it. */
    @WithDefault("off")
    String cron();

    /** Hours each scheduled export looks back; the same range as a request's. */
    @WithDefault("24")
    @Min(1)
    @Max(ExportPlan.MAX_WINDOW_HOURS)
    int windowHours();
  }
}
