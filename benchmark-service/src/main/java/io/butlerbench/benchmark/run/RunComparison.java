package io.butlerbench.benchmark.run;

import io.butlerbench.benchmark.scenario.Outcome;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Compares a candidate run with a base run of the same scenario: per metric, the difference of the
 * aggregates with a 95 % bootstrap interval over the samples, and the samples whose outcome changed
 * (a sample's outcome is ERROR, or its worst quality metric against the thresholds).
 */
public final class RunComparison {
  private static final int RESAMPLES = 2000;
  private static final long SEED = 20251101L;

  private RunComparison() {}

  public static Map<String, Object> compare(
      Scenario scenario,
      Document base,
      List<Document> baseSamples,
      Document candidate,
      List<Document> candidateSamples) {
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (Map.Entry<String, Threshold> entry : scenario.thresholds().entrySet()) {
      String metric = entry.getKey();
      boolean latency = metric.equals(Scenario.LATENCY);
      List<Double> a = values(baseSamples, metric, latency);
      List<Double> b = values(candidateSamples, metric, latency);
      if (a.isEmpty() || b.isEmpty()) {
        continue;
      }
      double baseValue = aggregate(a, latency);
      double candidateValue = aggregate(b, latency);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("metric", metric);
      row.put("base", round(baseValue));
      row.put("candidate", round(candidateValue));
      row.put("delta", round(candidateValue - baseValue));
      if (!latency) {
        double[] interval = Statistics.bootstrapMeanDifference(a, b, RESAMPLES, SEED);
        row.put("ci95_low", round(interval[0]));
        row.put("ci95_high", round(interval[1]));
      }
      row.put("base_outcome", entry.getValue().outcome(baseValue).name());
      row.put("candidate_outcome", entry.getValue().outcome(candidateValue).name());
      metrics.add(row);
    }
    Map<String, String> baseOutcomes = sampleOutcomes(scenario, baseSamples);
    Map<String, String> candidateOutcomes = sampleOutcomes(scenario, candidateSamples);
    List<Map<String, Object>> changed = new ArrayList<>();
    candidateOutcomes.forEach(
        (sample, outcome) -> {
          String before = baseOutcomes.get(sample);
          if (before != null && !before.equals(outcome)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sample_id", sample);
            row.put("base", before);
            row.put("candidate", outcome);
            changed.add(row);
          }
        });
    Map<String, Object> comparison = new LinkedHashMap<>();
    comparison.put("scenario", scenario.name());
    comparison.put("base_run", base.getString("_id"));
    comparison.put("base_dataset_version", base.getString("dataset_version"));
    comparison.put("candidate_run", candidate.getString("_id"));
    comparison.put("candidate_dataset_version", candidate.getString("dataset_version"));
    comparison.put("metrics", metrics);
    comparison.put("changed_samples", changed);
    return comparison;
  }

  private static List<Double> values(List<Document> samples, String metric, boolean latency) {
    List<Double> values = new ArrayList<>();
    for (Document sample : samples) {
      if (latency) {
        Object value = sample.get("latency_seconds");
        if (value instanceof Number number && number.doubleValue() > 0) {
          values.add(number.doubleValue());
        }
      } else if ("OK".equals(sample.getString("status"))) {
        Object value = sample.get("scores", Document.class).get(metric);
        if (value instanceof Number number) {
          values.add(number.doubleValue());
        }
      }
    }
    return values;
  }

  private static double aggregate(List<Double> values, boolean latency) {
    double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
    return latency ? Statistics.percentile(array, 95) : Statistics.mean(array);
  }

  private static Map<String, String> sampleOutcomes(Scenario scenario, List<Document> samples) {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Document sample : samples) {
      if (!"OK".equals(sample.getString("status"))) {
        outcomes.put(sample.getString("sample_id"), "ERROR");
        continue;
      }
      Outcome worst = Outcome.PASS;
      Document scores = sample.get("scores", Document.class);
      for (String metric : Scenario.QUALITY) {
        Threshold threshold = scenario.thresholds().get(metric);
        if (threshold != null && scores.get(metric) instanceof Number number) {
          worst = Outcome.worst(worst, threshold.outcome(number.doubleValue()));
        }
      }
      outcomes.put(sample.getString("sample_id"), worst.name());
    }
    return outcomes;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
