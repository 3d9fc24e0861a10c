package io.butlerbench.seeder.content;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random source derived from (seed, document id) only. Each document is therefore the same
 * whatever else is generated, in whatever order or concurrency: the basis of determinism and of
 * idempotent top-up.
 */
final class DocumentRandom {
  private final SplittableRandom random;

  DocumentRandom(long seed, String documentId) {
    this.random = new SplittableRandom(mix(seed ^ fnv1a64(documentId)));
  }

  int between(int minInclusive, int maxInclusive) {
    return random.nextInt(minInclusive, maxInclusive + 1);
  }

  double between(double minInclusive, double maxExclusive) {
    return random.nextDouble(minInclusive, maxExclusive);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  double gaussian() {
    return random.nextGaussian();
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private static long fnv1a64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** SplitMix64 finaliser: neighbouring ids must not give correlated streams. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
