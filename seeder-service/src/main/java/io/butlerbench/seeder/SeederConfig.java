package io.butlerbench.seeder;

import io.butlerbench.seeder.seeding.SeedingPlan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.OptionalLong;

/** Every knob of the seeder, with the defaults of the Stage 05 seeding floor. */
@ConfigMapping(prefix = "seeder")
public interface SeederConfig {

  /** Channels the registry starts with. */
  @WithDefault("@tech_ru,@ml_digest_ru,@devops_news_ru,@startups_ru,@science_daily_ru")
  List<String> defaultChannels();

  /** Homework assignments whose review reports get the same floor as channels. */
  @WithDefault(
      "hw01_linked_list,hw02_rest_api,hw03_async_crawler,hw04_sql_reports,hw05_docker_deploy")
  List<String> assignments();

  /** Days a seeding covers when the request does not say; the same range as the request's. */
  @WithDefault("30")
  @Min(1)
  @Max(SeedingPlan.MAX_WINDOW_DAYS)
  int windowDays();

  /** Documents per channel when the request does not say; the same range as the request's. */
  @WithDefault("30")
  @Min(1)
  @Max(SeedingPlan.MAX_MINIMUM)
  int minimumPerChannel();

  @WithDefault("42")
  long seed();

  /** Share (0-1) of generated documents that carry one injected defect. */
  @WithDefault("0.2")
  double defectShare();

  @WithDefault("qwen-7b")
  String llmModel();

  @WithDefault("gpt-4o")
  String judgeModel();

  @WithDefault("benchmark-2025-11-v1")
  String promptVersion();

  /** Documents per bulk insert. */
  @WithDefault("1000")
  int batchSize();

  Schedule schedule();

  Limits limits();

  /**
   * What one seeding may ask for (a 400 naming the limit, before anything is written). The local
   * stack sets the document limits with the embedded MongoDB's memory in deploy/local/run.sh.
   */
  interface Limits {
    @WithDefault("50")
    int maxChannels();

    @WithDefault("50")
    int maxAssignments();

    /** Documents one seeding may plan; it answers synchronously. */
    @WithDefault("100000")
    long maxDocumentsPerSeeding();

    /** Digests plus review reports the store may hold after a seeding; unset: no limit. */
    OptionalLong maxStoredDocuments();
  }

  /** The scheduled top-up; read by {@code @Scheduled} through the property expression. */
  interface Schedule {
    /** Quartz cron, e.g. {@code 0 15 * * * ?}; {@code off} disables the job. */
    @WithDefault("off")
    String cron();
  }
}
