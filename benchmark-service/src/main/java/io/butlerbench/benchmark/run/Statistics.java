package io.butlerbench.benchmark.run;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Aggregates used by runs and comparisons. */
public final class Statistics {
  private Statistics() {}

  public static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n - 1); zero for fewer than two values. */
  public static double standardDeviation(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean(values);
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  /**
   * The p-th percentile (0-100) by linear interpolation between closest ranks (the default of NumPy
   * and of Excel's PERCENTILE.INC): for 1..100, p95 is 95.05.
   */
  public static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = p / 100.0 * (sorted.length - 1);
    int lower = (int) Math.floor(rank);
    int upper = (int) Math.ceil(rank);
    return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
  }

  /** 95 % bootstrap interval of mean(b) - mean(a), resampling each side independently. */
  public static double[] bootstrapMeanDifference(
      List<Double> a, List<Double> b, int resamples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] differences = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      differences[r] = resampledMean(b, random) - resampledMean(a, random);
    }
    return new double[] {percentile(differences, 2.5), percentile(differences, 97.5)};
  }

  private static double resampledMean(List<Double> values, SplittableRandom random) {
    double sum = 0;
    for (int i = 0; i < values.size(); i++) {
      sum += values.get(random.nextInt(values.size()));
    }
    return sum / values.size();
  }
}
