package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.scenario.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus series dashboards and alerts already read ({@code benchmark_run_duration_seconds},
 * {@code benchmark_run_outcome}, {@code benchmark_metric_value}, {@code benchmark_metric_outcome}),
 * plus judge calls, latency and tokens, kept apart from the candidate model's tokens.
 */
public class RunMetrics {
  private final MeterRegistry meters;
  private final Map<Tags, Holder> gauges = new ConcurrentHashMap<>();

  public RunMetrics(MeterRegistry meters) {
    this.meters = meters;
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
    if (prompt > 0) {
      Counter.builder(meter)
          .tags("model", model, "kind", "prompt")
          .register(meters)
          .increment(prompt);
    }
    if (completion > 0) {
      Counter.builder(meter)
          .tags("model", model, "kind", "completion")
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
