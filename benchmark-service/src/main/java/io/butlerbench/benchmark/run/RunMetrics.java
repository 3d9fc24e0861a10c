package io.butlerbench.benchmark.run;

import io.butlerbench.contracts.run.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus series dashboards and alerts already read ({@code benchmark_run_duration_seconds},
 * {@code benchmark_run_outcome}, {@code benchmark_metric_value}, {@code benchmark_metric_outcome}),
 * plus judge calls, latency and tokens, kept apart from the candidate model's tokens.
 */
public class RunMetrics {
  /** The {@code model} label of a model nobody listed in configuration. */
  public static final String UNLISTED_MODEL = "unlisted";

  private final MeterRegistry meters;
  private final Set<String> labelledModels;
  private final Map<Tags, Holder> gauges = new ConcurrentHashMap<>();

  /**
   * {@code labelledModels}: the models that get a series of their own (the judge model and the
   * configured candidates). A model name comes from a request, so any other is counted under {@link
   * #UNLISTED_MODEL}: an open /q/metrics must not grow a series per free-text name.
   */
  public RunMetrics(MeterRegistry meters, Set<String> labelledModels) {
    this.meters = meters;
    this.labelledModels = Set.copyOf(labelledModels);
  }

  /** Keeps a gauge's latest value; gauges hold it by a strong reference here. */
  private static final class Holder {
    private volatile double value;
  }

  public void runFinished(String scenario, String dataset, Duration wallTime, Outcome outcome) {
    Timer.builder("benchmark.run.duration")
        .description("Wall time of a run")
        .tags("scenario", scenario, "dataset", dataset)
        .publishPercentileHistogram()
        .register(meters)
        .record(wallTime);
    set("benchmark.run.outcome", Tags.of("scenario", scenario, "dataset", dataset), outcome.code());
  }

  public void metric(
      String scenario, String dataset, String metric, double value, Outcome outcome) {
    Tags tags = Tags.of("scenario", scenario, "dataset", dataset, "metric", metric);
    set("benchmark.metric.value", tags, value);
    set("benchmark.metric.outcome", tags, outcome.code());
  }

  public void judgeCall(String judge, String outcome, Duration latency) {
    Counter.builder("benchmark.judge.calls")
        .description("Judgements per judge and outcome (ok, error, cached)")
        .tags("judge", judge, "outcome", outcome)
        .register(meters)
        .increment();
    if (!"cached".equals(outcome)) {
      Timer.builder("benchmark.judge.latency")
          .description("Time to judge one sample, retries included")
          .tags("judge", judge)
          .publishPercentileHistogram()
          .register(meters)
          .record(latency);
    }
  }

  public void tokens(String meter, String model, long prompt, long completion) {
    String label = labelledModels.contains(model) ? model : UNLISTED_MODEL;
    if (prompt > 0) {
      Counter.builder(meter)
          .tags("model", label, "kind", "prompt")
          .register(meters)
          .increment(prompt);
    }
    if (completion > 0) {
      Counter.builder(meter)
          .tags("model", label, "kind", "completion")
          .register(meters)
          .increment(completion);
    }
  }

  private void set(String name, Tags tags, double value) {
    Holder holder =
        gauges.computeIfAbsent(
            tags.and("__name", name),
            key -> {
              Holder created = new Holder();
              Gauge.builder(name, created, h -> h.value).tags(tags).register(meters);
              return created;
            });
    holder.value = value;
  }
}
