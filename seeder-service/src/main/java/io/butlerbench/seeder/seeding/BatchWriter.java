package io.butlerbench.seeder.seeding;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Writes generated documents in unordered bulk inserts, one batch in flight per seeding, so the
 * next batch is generated while the last one is written. Duplicates from a concurrent top-up are
 * skipped, not counted. {@link #stop} abandons every batch in flight and refuses new ones.
 */
final class BatchWriter {
  private final int batchSize;
  private final Set<Future<Integer>> insertsInFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  BatchWriter(int batchSize) {
    this.batchSize = batchSize;
  }

  void stop() {
    stopping = true;
    insertsInFlight.forEach(insert -> insert.cancel(true));
  }

  boolean stopping() {
    return stopping;
  }

  /** One seeding's writing, on an inserter thread of its own; close it when the seeding ends. */
  Session open() {
    return new Session();
  }

  final class Session {
    private final ExecutorService inserter =
        Executors.newSingleThreadExecutor(BatchWriter::inserterThread);

    /**
     * @param seeded counts the documents of a batch that were new
     * @param written told how many documents of a batch were new, once the batch is stored
     * @param failedBatch told the size of a batch whose insert failed (some of it may be stored)
     */
    <T> Batch<T> batch(
        MongoCollection<T> collection,
        Counter seeded,
        IntConsumer written,
        IntConsumer failedBatch) {
      return new Batch<>(collection, seeded, inserter, written, failedBatch);
    }

    void close() {
      inserter.shutdownNow();
    }
  }

  /** The documents of one collection, buffered up to a batch. */
  final class Batch<T> {
    private final MongoCollection<T> collection;
    private final Counter seeded;
    private final ExecutorService inserter;
    private final IntConsumer written;
    private final IntConsumer failedBatch;
    private List<T> pending = new ArrayList<>();
    private Future<Integer> inFlight;
    private int inFlightSize;

    private Batch(
        MongoCollection<T> collection,
        Counter seeded,
        ExecutorService inserter,
        IntConsumer written,
        IntConsumer failedBatch) {
      this.collection = collection;
      this.seeded = seeded;
      this.inserter = inserter;
      this.written = written;
      this.failedBatch = failedBatch;
    }

    void add(T document) {
      pending.add(document);
      if (pending.size() >= batchSize) {
        submitPending();
      }
    }

    /** Waits until everything is written. */
    void flush() {
      submitPending();
      awaitInFlight();
    }

    private void submitPending() {
      if (pending.isEmpty()) {
        return;
      }
      awaitInFlight();
      if (stopping) {
        throw new IllegalStateException("the seeder is stopping");
      }
      List<T> documents = pending;
      pending = new ArrayList<>(batchSize);
      inFlightSize = documents.size();
      inFlight = inserter.submit(() -> insertSkippingDuplicates(collection, documents));
      insertsInFlight.add(inFlight);
      if (stopping) {
        inFlight.cancel(true);
      }
    }

    private void awaitInFlight() {
      if (inFlight == null) {
        return;
      }
      int stored;
      try {
        stored = inFlight.get();
      } catch (CancellationException e) {
        failedBatch.accept(inFlightSize);
        throw new IllegalStateException(
            "the seeder is stopping; the batch being written was abandoned", e);
      } catch (ExecutionException e) {
        failedBatch.accept(inFlightSize);
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("insert failed", e.getCause());
      } catch (InterruptedException e) {
        failedBatch.accept(inFlightSize);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while inserting", e);
      } finally {
        insertsInFlight.remove(inFlight);
        inFlight = null;
      }
      seeded.increment(stored);
      written.accept(stored);
    }
  }

  private static <T> int insertSkippingDuplicates(
      MongoCollection<T> collection, List<T> documents) {
    int duplicates = 0;
    try {
      collection.insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        duplicates++;
      }
    }
    return documents.size() - duplicates;
  }

  private static Thread inserterThread(Runnable work) {
    Thread thread = new Thread(work, "seeding-inserter");
    thread.setDaemon(true);
    return thread;
  }
}
