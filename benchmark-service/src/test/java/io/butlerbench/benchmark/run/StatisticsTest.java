package io.butlerbench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatisticsTest {
  @Test
  void p95OnKnownValues() {
    double[] oneToHundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
    assertEquals(95.05, Statistics.percentile(oneToHundred, 95), 1e-9);
    assertEquals(50.5, Statistics.percentile(oneToHundred, 50), 1e-9);
    assertEquals(7.0, Statistics.percentile(new double[] {7}, 95), 1e-9);
    // order does not matter; the tail does
    assertEquals(140.0, Statistics.percentile(new double[] {300, 10, 20, 100, 30}, 80), 1e-9);
  }

  @Test
  void bootstrapIntervalContainsTheTrueDifference() {
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      a.add(0.80 + (i % 10) * 0.01);
      b.add(0.85 + (i % 10) * 0.01);
    }
    double[] interval = Statistics.bootstrapMeanDifference(a, b, 2000, 7);
    assertTrue(interval[0] < 0.05 && 0.05 < interval[1], interval[0] + " .. " + interval[1]);
    assertTrue(interval[1] - interval[0] < 0.02);
  }
}
