package io.butlerbench.localstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend with commits that never split a command, and aggregations that stream.
 *
 * <p>Commits: the stock backend lets MVStore commit from its background thread at any moment, also
 * half-way through an insert (after the document, before its index entries); a kill -9 then leaves
 * that version on disk, and its id can be neither found nor inserted again. Here MVStore's own
 * auto-commit is off. Every command that may write holds the read side of {@link #commitLock} and,
 * before it answers, commits under the write side (concurrent writers share one commit); {@link
 * LocalStore} also commits and compacts about once a second. So each version on disk holds whole
 * commands only, and every write a client was told about survives a kill -9 (not a power cut: there
 * is no fsync).
 *
 * <p>Aggregations: mongo-java-server runs every aggregation, and so every {@code countDocuments},
 * over {@code queryAll()}, which first copies the whole collection into one list: with 20,000
 * digests of ~15 KB each on the heap that alone is 300 MB, and the embedded server ran out of
 * memory in the middle of a seeding. Here the pipeline reads the collection lazily from the store
 * (an MVStore snapshot, so concurrent writes are safe), and its memory is the page cache plus what
 * the pipeline keeps ({@code $group} keeps one row per group), whatever the size of the collection.
 */
final class StreamingH2Backend extends H2Backend {
  /** Commands that never write; every other command is atomic with respect to commits. */
  private static final Set<String> READ_COMMANDS =
      Set.of(
          "find",
          "getmore",
          "aggregate",
          "count",
          "distinct",
          "listcollections",
          "listindexes",
          "listdatabases",
          "ping",
          "hello",
          "ismaster",
          "buildinfo",
          "serverstatus",
          "dbstats",
          "collstats",
          "killcursors",
          "endsessions",
          "getlasterror",
          "getparameter",
          "getlog",
          "whatsmyuri",
          "connectionstatus",
          "hostinfo",
          "getcmdlineopts",
          "getfreemonitoringstatus");

  /** Chunks less full than this are rewritten by {@link #commitBetweenCommands}(true). */
  static final int COMPACT_FILL_RATE = 60;

  static final int COMPACT_WRITE_BYTES = 16 << 20;

  private final ReadWriteLock commitLock = new ReentrantReadWriteLock();

  StreamingH2Backend(MVStore store) {
    super(store);
  }

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    if (READ_COMMANDS.contains(command.toLowerCase(Locale.ROOT)) && !writingAggregation(query)) {
      return super.handleCommand(channel, databaseName, command, query);
    }
    Document response;
    Lock lock = commitLock.readLock();
    lock.lock();
    try {
      response = super.handleCommand(channel, databaseName, command, query);
    } finally {
      lock.unlock();
    }
    // what the client is told is written is in the file first (it survives a kill -9, though not
    // a power cut: no fsync); concurrent writers share one commit
    commitOrExit(false);
    return response;
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    QueryResult result;
    Lock lock = commitLock.readLock();
    lock.lock();
    try {
      result = super.handleQuery(query);
    } finally {
      lock.unlock();
    }
    commitOrExit(false);
    return result;
  }

  /** An aggregation is listed as a read unless it has an {@code $out} or {@code $merge} stage. */
  private static boolean writingAggregation(Document query) {
    if (!(query.get("pipeline") instanceof List<?> stages)) {
      return false;
    }
    return stages.stream()
        .anyMatch(
            stage ->
                stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge")));
  }

  /**
   * Commits everything written so far, between commands; with {@code compact}, then rewrites the
   * emptiest chunks so that the file does not only grow (MVStore's own housekeeping ran on the
   * background thread that is off here). Returns the new version, or -1 if nothing changed.
   */
  long commitBetweenCommands(boolean compact) {
    Lock lock = commitLock.writeLock();
    lock.lock();
    try {
      MVStore store = getMvStore();
      long version = store.hasUnsavedChanges() ? store.commit() : -1;
      if (compact) {
        store.compact(COMPACT_FILL_RATE, COMPACT_WRITE_BYTES);
      }
      return version;
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@link #commitBetweenCommands}, and exit when it fails: a failed write leaves MVStore closed
   * for good, so the supervisor had better start a fresh server that repairs the file.
   */
  void commitOrExit(boolean compact) {
    try {
      commitBetweenCommands(compact);
    } catch (RuntimeException | Error failure) {
      Log.error("committing the store failed (%s): exiting", failure);
      Runtime.getRuntime().halt(4);
    }
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new StreamingDatabase(databaseName, getMvStore(), getCursorRegistry());
  }

  /**
   * An inner class on purpose: H2Database opens its collections from its constructor, before a
   * field of a subclass could be set, so the store is reached through the enclosing backend.
   */
  private final class StreamingDatabase extends H2Database {
    StreamingDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
      super(databaseName, store, cursors);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      MVStore store = getMvStore();
      String fullName = getFullCollectionNamespace(collectionName);
      MVMap<Object, Document> data = store.openMap(StoreMaps.DATA_PREFIX + fullName);
      MVMap<String, Object> meta = store.openMap(StoreMaps.META_PREFIX + fullName);
      return new StreamingCollection(this, collectionName, options, data, meta, cursorRegistry);
    }
  }

  private static final class StreamingCollection extends H2Collection {
    private final MVMap<Object, Document> data;

    StreamingCollection(
        MongoDatabase database,
        String collectionName,
        CollectionOptions options,
        MVMap<Object, Document> data,
        MVMap<String, Object> meta,
        CursorRegistry cursors) {
      super(database, collectionName, options, data, meta, cursors);
      this.data = data;
    }

    @Override
    public Stream<Document> queryAllAsStream() {
      return data.values().stream();
    }
  }
}
