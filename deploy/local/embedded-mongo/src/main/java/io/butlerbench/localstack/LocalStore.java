package io.butlerbench.localstack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;

/**
 * The data file of the embedded server: opened with a bounded page cache, committed between
 * commands (see {@link StreamingH2Backend}), checked and if needed repaired at every start, and
 * marked as cleanly closed only when it was.
 *
 * <p>Beside the file a marker ({@code <file>.open}) exists while a server has it open; found at
 * start, it means the last server was killed or crashed, and the log says so. At every start:
 *
 * <ol>
 *   <li>a file that does not open is rolled back to its newest version that does ({@link
 *       MVStoreTool#repair}); if none opens, it is moved aside and the server starts empty (the
 *       seeder refills it; datasets, runs and pilots are gone, and the log says so). A file locked
 *       by another live process is waited for, never repaired;
 *   <li>each collection whose {@code _id} index does not hold one entry per document has all its
 *       unique indexes dropped and rebuilt from the documents (a file left by a crash of the stock
 *       backend, whose background commit could split an insert: see {@link StoreMaps}).
 * </ol>
 */
final class LocalStore {
  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
  private static final Set<Integer> REPAIRABLE =
      Set.of(
          DataUtils.ERROR_READING_FAILED,
          DataUtils.ERROR_UNSUPPORTED_FORMAT,
          DataUtils.ERROR_FILE_CORRUPT,
          DataUtils.ERROR_SERIALIZATION,
          DataUtils.ERROR_CHUNK_NOT_FOUND,
          DataUtils.ERROR_BLOCK_NOT_FOUND,
          DataUtils.ERROR_UNKNOWN_DATA_TYPE);
  private static final AtomicBoolean OPENED = new AtomicBoolean();

  private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
  private static final int COMPACT_EVERY_COMMITS = 30;

  private final Path marker;
  private final StreamingH2Backend backend;
  private final ScheduledExecutorService committer;
  private long commits;

  private LocalStore(Path marker, StreamingH2Backend backend) {
    this.marker = marker;
    this.backend = backend;
    this.committer =
        Executors.newSingleThreadScheduledExecutor(
            work -> {
              Thread thread = new Thread(work, "embedded-mongo-committer");
              thread.setDaemon(true);
              return thread;
            });
    committer.scheduleWithFixedDelay(
        this::commit, COMMIT_EVERY.toMillis(), COMMIT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  H2Backend backend() {
    return backend;
  }

  private void commit() {
    backend.commitOrExit(++commits % COMPACT_EVERY_COMMITS == 0);
  }

  /** Stops committing; the backend's close commits the rest. */
  void stopCommitting() throws InterruptedException {
    committer.shutdown();
    committer.awaitTermination(30, TimeUnit.SECONDS);
  }

  /** Opens (and if needed repairs) the file and returns the backend to serve. */
  static LocalStore open(Path dataFile, int cacheMegabytes)
      throws IOException, InterruptedException {
    Files.createDirectories(dataFile.toAbsolutePath().getParent());
    Path marker = dataFile.resolveSibling(dataFile.getFileName() + ".open");
    boolean unclean = Files.exists(marker);
    if (unclean) {
      Log.warn(
          "%s was not closed cleanly (the server was killed or crashed): checking it", dataFile);
    }
    MVStore store = openOrRepair(dataFile, cacheMegabytes);
    OPENED.set(true);
    Files.writeString(marker, "pid " + ProcessHandle.current().pid() + "\n");

    Map<String, List<String>> stale = StoreMaps.inconsistentIndexMaps(store);
    if (!stale.isEmpty()) {
      Log.warn(
          "the _id index of %s does not hold one entry per document (left by a crash of an older"
              + " server): rebuilding their indexes from the documents",
          stale.keySet());
      stale.values().forEach(maps -> maps.forEach(store::removeMap));
      store.commit();
    }

    long started = System.nanoTime();
    // opening the databases rebuilds every index whose map is now empty from the documents
    StreamingH2Backend backend = new StreamingH2Backend(store);
    if (!stale.isEmpty()) {
      Log.info(
          "rebuilt %d indexes in %d ms: %s",
          stale.values().stream().mapToInt(List::size).sum(),
          (System.nanoTime() - started) / 1_000_000,
          stale.entrySet().stream()
              .map(
                  e ->
                      e.getKey()
                          + " ("
                          + StoreMaps.documents(store, e.getKey())
                          + " documents; "
                          + e.getValue().stream()
                              .map(StoreMaps::indexName)
                              .collect(Collectors.joining(", "))
                          + ")")
              .collect(Collectors.joining(", ")));
    }
    Map<String, List<String>> stillInconsistent = StoreMaps.inconsistentIndexMaps(store);
    if (!stillInconsistent.isEmpty()) {
      Log.error(
          "indexes of %s still disagree with their documents after the rebuild; inserts into them"
              + " may fail: stop the stack and delete %s for a fresh start",
          stillInconsistent.keySet(), dataFile);
    } else if (unclean) {
      Log.info(
          "%s opened at its last commit (every write that was answered before the crash) and every"
              + " index agrees with its documents",
          dataFile);
    }
    return new LocalStore(marker, backend);
  }

  /** Called after the backend closed the store without an error. */
  void markClosedCleanly() throws IOException {
    Files.deleteIfExists(marker);
  }

  private static MVStore openOrRepair(Path dataFile, int cacheMegabytes)
      throws IOException, InterruptedException {
    MVStoreException damage = null;
    for (long deadline = System.nanoTime() + LOCK_WAIT.toNanos(); ; ) {
      try {
        return openStore(dataFile, cacheMegabytes);
      } catch (MVStoreException e) {
        if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
          damage = e;
          break;
        }
        // a server that is still exiting holds the file: never repair a file in use
        if (System.nanoTime() > deadline) {
          throw new IOException(
              dataFile + " is in use by another process (" + e.getMessage() + ")", e);
        }
        Log.warn("%s is still locked by another process; waiting", dataFile);
        Thread.sleep(1000);
      }
    }
    if (!REPAIRABLE.contains(damage.getErrorCode())) {
      throw new IOException("cannot open " + dataFile + ": " + damage.getMessage(), damage);
    }
    Log.error(
        "cannot open %s (%s): rolling it back to its newest version that opens",
        dataFile, damage.getMessage());
    try {
      MVStoreTool.repair(dataFile.toString());
      MVStore store = openStore(dataFile, cacheMegabytes);
      Log.warn(
          "repaired %s: kept its newest good version (writes after it are lost); the damaged file"
              + " is kept as %s.back",
          dataFile, dataFile);
      return store;
    } catch (RuntimeException unrepairable) {
      Path aside =
          dataFile.resolveSibling(
              dataFile.getFileName()
                  + ".damaged-"
                  + DateTimeFormatter.ISO_INSTANT.format(Instant.now()).replace(':', '-'));
      Files.move(dataFile, aside, StandardCopyOption.REPLACE_EXISTING);
      Log.error(
          "%s cannot be repaired (%s): moved it to %s and starting with an empty store; run the"
              + " seeding again, and export, benchmark and pilot data is gone",
          dataFile, unrepairable.getMessage(), aside);
      return openStore(dataFile, cacheMegabytes);
    }
  }

  private static MVStore openStore(Path dataFile, int cacheMegabytes) {
    return new MVStore.Builder()
        .fileName(dataFile.toString())
        .cacheSize(cacheMegabytes)
        // no commit from MVStore's background thread, nor from a writer that filled the buffer:
        // StreamingH2Backend commits between commands, so no version on disk splits an insert
        .autoCommitDisabled()
        .autoCommitBufferSize(0)
        // a background write that fails leaves the store closed for good: exit, so that the
        // supervisor starts a fresh server that repairs the file
        .backgroundExceptionHandler(LocalStore::backgroundWriteFailed)
        .open();
  }

  /**
   * A background write that fails leaves the store closed for good: exit, so that the supervisor
   * starts a fresh server that repairs the file. (MVStore also reports here a file it cannot open;
   * {@link #openOrRepair} handles those, so only a store that has been opened exits.)
   */
  private static void backgroundWriteFailed(Thread thread, Throwable failure) {
    if (OPENED.get()) {
      Log.error("the store's background writer failed (%s): exiting", failure);
      Runtime.getRuntime().halt(4);
    }
  }
}
