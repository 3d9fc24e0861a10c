package io.butlerbench.benchmark.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Stores a pass's results in batches from one thread (group commit), and tells each worker once its
 * result is stored: a sample counts as done only then. Workers never wait for MongoDB, and a result
 * waits at most {@code linger} before its batch is written, so a crash loses at most what was
 * judged in that window: in flight, judged again on resume.
 */
final class ResultWriter implements AutoCloseable {
  private static final int MAX_BATCH = 500;

  private record Pending(Document result, Runnable stored) {}

  private final RunStore store;
  private final long lingerNanos;
  private final Consumer<RuntimeException> failed;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean closing;

  ResultWriter(RunStore store, long lingerNanos, Consumer<RuntimeException> failed) {
    this.store = store;
    this.lingerNanos = lingerNanos;
    this.failed = failed;
    this.thread = new Thread(this::drain, "benchmark-results");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues a result; {@code stored} runs on the writer's thread once it is in MongoDB. */
  void write(Document result, Runnable stored) {
    queue.add(new Pending(result, stored));
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (!closing || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(lingerNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        if (failure.get() == null) {
          store.saveSamples(batch.stream().map(Pending::result).toList());
          batch.forEach(pending -> pending.stored().run());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
          failed.accept(e);
        }
      } finally {
        batch.clear();
      }
    }
  }

  /** Writes what is queued and stops. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.interrupt();
    }
  }
}
