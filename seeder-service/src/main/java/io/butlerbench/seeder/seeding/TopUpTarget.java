package io.butlerbench.seeder.seeding;

import io.butlerbench.seeder.corpus.Corpus;
import java.util.List;

/**
 * One channel's digests or one assignment's review reports: what to insert and how it went. {@link
 * #inserted} is written by the seeding's thread only.
 */
final class TopUpTarget {
  final Corpus corpus;
  final String name;
  final long before;
  final long weeklyBefore;
  final List<Slot> missing;
  long inserted;

  TopUpTarget(Corpus corpus, String name, long before, long weeklyBefore, List<Slot> missing) {
    this.corpus = corpus;
    this.name = name;
    this.before = before;
    this.weeklyBefore = weeklyBefore;
    this.missing = missing;
  }
}
