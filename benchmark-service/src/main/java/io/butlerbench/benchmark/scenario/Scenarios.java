package io.butlerbench.benchmark.scenario;

import io.butlerbench.benchmark.BenchmarkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The scenarios of the configuration, by name. */
public final class Scenarios {
  private final Map<String, Scenario> byName;

  public Scenarios(Map<String, Scenario> byName) {
    this.byName = Map.copyOf(byName);
  }

  public static Scenarios from(BenchmarkConfig config) {
    Map<String, Scenario> scenarios = new TreeMap<>();
    config
        .scenarios()
        .forEach(
            (name, scenario) -> {
              Map<String, Threshold> thresholds = new LinkedHashMap<>();
              for (String metric : Scenario.QUALITY) {
                addIfConfigured(thresholds, scenario, metric);
              }
              addIfConfigured(thresholds, scenario, Scenario.LATENCY);
              scenario.metrics().keySet().stream()
                  .sorted()
                  .forEach(metric -> addIfConfigured(thresholds, scenario, metric));
              scenarios.put(name, new Scenario(name, scenario.dataset(), thresholds));
            });
    return new Scenarios(scenarios);
  }

  private static void addIfConfigured(
      Map<String, Threshold> thresholds, BenchmarkConfig.ScenarioConfig scenario, String metric) {
    BenchmarkConfig.ThresholdConfig configured = scenario.metrics().get(metric);
    if (configured != null && !thresholds.containsKey(metric)) {
      thresholds.put(
          metric, new Threshold(configured.pass(), configured.warn(), configured.lowerIsBetter()));
    }
  }

  public Optional<Scenario> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public java.util.Collection<Scenario> all() {
    return byName.values();
  }
}
