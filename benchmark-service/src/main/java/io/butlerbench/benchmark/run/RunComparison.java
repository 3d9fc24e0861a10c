package io.butlerbench.benchmark.run;

import com.mongodb.client.MongoCursor;
import io.butlerbench.benchmark.scenario.Scenario;
import io.butlerbench.benchmark.scenario.Threshold;
import io.butlerbench.contracts.run.Outcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.bson.Document;

/**
 * Compares a candidate run with a base run of the same scenario: per metric, the difference of the
 * aggregates with a 95 % bootstrap interval over the samples, and the samples whose outcome changed
 * (a sample's outcome is ERROR, or its worst quality metric against the thresholds; with repeats,
 * the worst of its repeats).
 *
 * <p>Memory does not grow with the runs: both runs' results are read once, side by side, from two
 * cursors in {@code sample_id} order (a merge join), one result of each at a time; the means and
 * their Poisson bootstrap replicates are running sums ({@link BootstrapMean}), p95 of latency is
 * asked of MongoDB ({@link RunStore#latencyPercentile}), and of the changed samples only the
 * requested page is kept, with their total.
 */
public final class RunComparison {
  static final int RESAMPLES = 2000;
  private static final long SEED = 20251101L;

  private RunComparison() {}

  /** Which changed samples to list: {@code limit} of them after skipping {@code offset}. */
  public record Page(int offset, int limit) {}

  public static Comparison compare(
      RunStore store, Scenario scenario, Document base, Document candidate, Page page) {
    SplittableRandom random = new SplittableRandom(SEED);
    Side before = new Side(scenario, random.split());
    Side after = new Side(scenario, random.split());
    Changes changes = new Changes(page);
    try (MongoCursor<Document> baseResults = store.resultsBySample(base.getString("_id"));
        MongoCursor<Document> candidateResults =
            store.resultsBySample(candidate.getString("_id"))) {
      mergeJoin(new Samples(baseResults, before), new Samples(candidateResults, after), changes);
    }
    List<Comparison.MetricDelta> metrics = new ArrayList<>();
    for (Map.Entry<String, Threshold> entry : scenario.thresholds().entrySet()) {
      String metric = entry.getKey();
      boolean latency = metric.equals(Scenario.LATENCY);
      OptionalDouble baseValue;
      OptionalDouble candidateValue;
      if (latency) {
        baseValue = store.latencyPercentile(base.getString("_id"), 95);
        candidateValue = store.latencyPercentile(candidate.getString("_id"), 95);
      } else {
        baseValue = before.mean(metric);
        candidateValue = after.mean(metric);
      }
      if (baseValue.isEmpty() || candidateValue.isEmpty()) {
        continue;
      }
      double[] interval =
          latency
              ? null
              : BootstrapMean.differenceInterval(before.means.get(metric), after.means.get(metric));
      metrics.add(
          new Comparison.MetricDelta(
              metric,
              round(baseValue.getAsDouble()),
              round(candidateValue.getAsDouble()),
              round(candidateValue.getAsDouble() - baseValue.getAsDouble()),
              interval == null ? null : round(interval[0]),
              interval == null ? null : round(interval[1]),
              entry.getValue().outcome(baseValue.getAsDouble()),
              entry.getValue().outcome(candidateValue.getAsDouble())));
    }
    return new Comparison(
        scenario.name(),
        base.getString("_id"),
        base.getString("dataset_version"),
        candidate.getString("_id"),
        candidate.getString("dataset_version"),
        metrics,
        changes.listed,
        changes.total,
        page.offset(),
        page.limit());
  }

  /**
   * Walks both runs' samples in order; a sample in only one of them is read (its results count in
   * that run's aggregates) but is not compared.
   */
  private static void mergeJoin(Samples base, Samples candidate, Changes changes) {
    Sample a = base.next();
    Sample b = candidate.next();
    while (a != null && b != null) {
      int order = compareIds(a.id(), b.id());
      if (order < 0) {
        a = base.next();
      } else if (order > 0) {
        b = candidate.next();
      } else {
        if (a.outcome() != b.outcome()) {
          changes.add(a.id(), a.outcome(), b.outcome());
        }
        a = base.next();
        b = candidate.next();
      }
    }
    while (a != null) {
      a = base.next();
    }
    while (b != null) {
      b = candidate.next();
    }
  }

  /**
   * The order MongoDB sorts string ids in: by their UTF-8 bytes, which is code point order (not
   * {@link String#compareTo}, which orders UTF-16 units); a missing id first.
   */
  static int compareIds(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** One sample of a run: its id and its outcome, the worst over its repeats. */
  private record Sample(String id, Outcome outcome) {}

  /** A run's results in sample order, grouped by sample, each result fed to the run's side. */
  private static final class Samples {
    private final Iterator<Document> results;
    private final Side side;
    private Document pending;
    private String last;
    private boolean started;

    Samples(Iterator<Document> results, Side side) {
      this.results = results;
      this.side = side;
    }

    /** The next sample, having read all of its results; null at the end. */
    Sample next() {
      Document result = pending != null ? pending : results.hasNext() ? results.next() : null;
      pending = null;
      if (result == null) {
        return null;
      }
      String id = result.getString("sample_id");
      if (started && compareIds(last, id) >= 0) {
        throw new IllegalStateException(
            "results out of sample order: '" + id + "' after '" + last + "'");
      }
      started = true;
      last = id;
      Outcome outcome = side.add(result);
      while (results.hasNext()) {
        Document following = results.next();
        if (compareIds(id, following.getString("sample_id")) != 0) {
          pending = following;
          break;
        }
        outcome = Outcome.worst(outcome, side.add(following));
      }
      return new Sample(id, outcome);
    }
  }

  /** What is kept of one run: per metric, the running mean and its bootstrap replicates. */
  private static final class Side {
    private final Scenario scenario;
    private final BootstrapMean.Weights weights;
    private final Map<String, BootstrapMean> means = new LinkedHashMap<>();

    Side(Scenario scenario, SplittableRandom random) {
      this.scenario = scenario;
      this.weights = new BootstrapMean.Weights(RESAMPLES, random);
      for (String metric : scenario.thresholds().keySet()) {
        if (!metric.equals(Scenario.LATENCY)) {
          means.put(metric, new BootstrapMean(RESAMPLES));
        }
      }
    }

    /** Takes one result into the aggregates; returns its outcome. */
    Outcome add(Document result) {
      if (!"OK".equals(result.getString("status"))) {
        return Outcome.ERROR;
      }
      Document scores = result.get("scores", Document.class);
      int[] drawn = null;
      Outcome worst = Outcome.PASS;
      for (Map.Entry<String, BootstrapMean> mean : means.entrySet()) {
        if (scores != null && scores.get(mean.getKey()) instanceof Number number) {
          if (drawn == null) {
            drawn = weights.next();
          }
          mean.getValue().add(number.doubleValue(), drawn);
          Threshold threshold = scenario.thresholds().get(mean.getKey());
          if (Scenario.QUALITY.contains(mean.getKey())) {
            worst = Outcome.worst(worst, threshold.outcome(number.doubleValue()));
          }
        }
      }
      return worst;
    }

    OptionalDouble mean(String metric) {
      BootstrapMean mean = means.get(metric);
      return mean.count() == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean.mean());
    }
  }

  /** The changed samples: all counted, only the requested page kept. */
  private static final class Changes {
    private final Page page;
    private final List<Comparison.ChangedSample> listed = new ArrayList<>();
    private long total;

    Changes(Page page) {
      this.page = page;
    }

    void add(String sample, Outcome before, Outcome after) {
      if (total >= page.offset() && listed.size() < page.limit()) {
        listed.add(new Comparison.ChangedSample(sample, before, after));
      }
      total++;
    }
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
