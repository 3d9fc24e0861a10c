package io.butlerbench.benchmark.run;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.SplittableRandom;

/**
 * The mean of a stream of values and its bootstrap replicates, in memory that does not grow with
 * the stream: the Poisson bootstrap, where each value enters each replicate {@code k ~ Poisson(1)}
 * times instead of being drawn from a list that holds them all. The weights of one result are drawn
 * once ({@link Weights}) and shared by the metrics it carries.
 */
final class BootstrapMean {
  private final DoubleSummaryStatistics values = new DoubleSummaryStatistics();
  private final double[] sums;
  private final long[] counts;

  BootstrapMean(int resamples) {
    this.sums = new double[resamples];
    this.counts = new long[resamples];
  }

  /** Poisson(1) counts, one per replicate, redrawn for each result. */
  static final class Weights {
    /** P(k <= i) for Poisson(1); past the last entry the remaining mass is below 1e-17. */
    private static final double[] CUMULATIVE = cumulative();

    private final SplittableRandom random;
    private final int[] weights;

    Weights(int resamples, SplittableRandom random) {
      this.random = random;
      this.weights = new int[resamples];
    }

    private static double[] cumulative() {
      double[] cumulative = new double[20];
      double term = Math.exp(-1);
      double total = 0;
      for (int k = 0; k < cumulative.length; k++) {
        total += term;
        cumulative[k] = total;
        term /= k + 1;
      }
      return cumulative;
    }

    /** Draws the weights of the next result. */
    int[] next() {
      for (int r = 0; r < weights.length; r++) {
        double u = random.nextDouble();
        int k = 0;
        while (k < CUMULATIVE.length - 1 && u > CUMULATIVE[k]) {
          k++;
        }
        weights[r] = k;
      }
      return weights;
    }
  }

  void add(double value, int[] weights) {
    values.accept(value);
    for (int r = 0; r < sums.length; r++) {
      sums[r] += weights[r] * value;
      counts[r] += weights[r];
    }
  }

  long count() {
    return values.getCount();
  }

  /** The mean of every value added, computed as {@link Statistics#mean} does. */
  double mean() {
    return values.getAverage();
  }

  /**
   * The 95 % percentile interval of {@code mean(candidate) - mean(base)} over the replicates, each
   * side resampled independently; a replicate in which either side drew no value is left out.
   */
  static double[] differenceInterval(BootstrapMean base, BootstrapMean candidate) {
    double[] differences = new double[base.sums.length];
    int n = 0;
    for (int r = 0; r < differences.length; r++) {
      if (base.counts[r] > 0 && candidate.counts[r] > 0) {
        differences[n++] = candidate.sums[r] / candidate.counts[r] - base.sums[r] / base.counts[r];
      }
    }
    double[] kept = Arrays.copyOf(differences, n);
    return new double[] {Statistics.percentile(kept, 2.5), Statistics.percentile(kept, 97.5)};
  }
}
