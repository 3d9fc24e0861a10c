package io.butlerbench.exporter.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code latest} compare-and-set of the file-system store, on a real folder. */
class FileSystemDatasetStoreTest {
  static final Instant READ_AT = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path folder;

  static void publish(DatasetStore store, String dataset, String version) throws IOException {
    try (DatasetStore.Staging staging = store.stage(dataset)) {
      byte[] json = ("{\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
      assertTrue(staging.publish(version, json, json));
    }
  }

  /**
   * Offers of versions whose data was read at different moments arrive at once, in a shuffled
   * order, from two store instances on one folder (as two exporters would hold): {@code latest}
   * ends at the newest data every time.
   */
  @Test
  void concurrentOffersLeaveLatestAtTheNewestData() throws Exception {
    int offers = 8;
    List<FileSystemDatasetStore> stores =
        List.of(new FileSystemDatasetStore(folder), new FileSystemDatasetStore(folder));
    Random random = new Random(7);
    ExecutorService pool = Executors.newFixedThreadPool(offers);
    try {
      for (int attempt = 0; attempt < 50; attempt++) {
        String dataset = "dataset-" + attempt;
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < offers; k++) {
          publish(stores.get(0), dataset, "v" + k);
          order.add(k);
        }
        Collections.shuffle(order, random);
        CyclicBarrier start = new CyclicBarrier(offers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int k : order) {
          DatasetStore store = stores.get(k % 2);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.offerLatest(dataset, "v" + k, READ_AT.plusSeconds(k));
                  }));
        }
        for (Future<Boolean> result : results) {
          result.get(1, TimeUnit.MINUTES);
        }
        assertTrue(results.get(order.indexOf(offers - 1)).get(), "the newest offer says latest");
        assertEquals(
            Optional.of("v" + (offers - 1)), stores.get(1).latest(dataset), "attempt " + attempt);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOfferOfOlderDataLeavesLatestAndTheSameDataReadLaterMovesIt() throws IOException {
    FileSystemDatasetStore store = new FileSystemDatasetStore(folder);
    publish(store, "d", "old");
    publish(store, "d", "new");
    assertTrue(store.offerLatest("d", "new", READ_AT));
    assertFalse(store.offerLatest("d", "old", READ_AT.minusSeconds(1)));
    assertEquals(Optional.of("new"), store.latest("d"));
    // the old content read again after the newer one (records were deleted): it is the current data
    assertTrue(store.offerLatest("d", "old", READ_AT.plusSeconds(1)));
    assertEquals(Optional.of("old"), store.latest("d"));
  }

  @Test
  void aLatestWrittenWithoutItsDataTimeIsReplacedByAnyOffer() throws IOException {
    FileSystemDatasetStore store = new FileSystemDatasetStore(folder);
    publish(store, "d", "before");
    publish(store, "d", "after");
    // the pointer as releases before the rule wrote it: the version alone
    Files.writeString(folder.resolve("d").resolve("latest"), "before\n");
    assertEquals(Optional.of("before"), store.latest("d"));
    assertTrue(store.offerLatest("d", "after", READ_AT));
    assertEquals(Optional.of("after"), store.latest("d"));
  }

  @Test
  void onlyAPublishedVersionCanBecomeLatest() throws IOException {
    FileSystemDatasetStore store = new FileSystemDatasetStore(folder);
    publish(store, "d", "v1");
    assertThrows(NoSuchFileException.class, () -> store.offerLatest("d", "v2", READ_AT));
    assertEquals(Optional.empty(), store.latest("d"));
  }
}
