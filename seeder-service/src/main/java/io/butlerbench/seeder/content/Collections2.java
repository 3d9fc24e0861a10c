package io.butlerbench.seeder.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class Collections2 {
  private Collections2() {}

  /** Fisher-Yates with the document's own random; a shuffle that changes nothing is redone. */
  static <T> void shuffleUntilChanged(List<T> items, DocumentRandom random) {
    if (items.size() < 2) {
      return;
    }
    List<T> original = new ArrayList<>(items);
    do {
      for (int i = items.size() - 1; i > 0; i--) {
        Collections.swap(items, i, random.between(0, i));
      }
    } while (items.equals(original));
  }
}
