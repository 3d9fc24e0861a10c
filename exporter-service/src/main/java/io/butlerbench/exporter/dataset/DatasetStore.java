package io.butlerbench.exporter.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where published dataset versions live. Versions are immutable and content-addressed; publishing
 * is all or nothing. The file system implementation is the default; an object store can implement
 * the same contract (stage, then publish under a name nobody reads before it is complete).
 */
public interface DatasetStore {

  /** Begins a version whose parts are written before its id is known. */
  Staging stage(String datasetId) throws IOException;

  List<String> datasets() throws IOException;

  /** Published versions, oldest first. */
  List<String> versions(String datasetId) throws IOException;

  Optional<String> latest(String datasetId) throws IOException;

  /**
   * Points {@code latest} at the published {@code version}, whose data was read at {@code
   * dataAsOf}, unless {@code latest} names data read later: {@code latest} never moves to older
   * data. The check and the move are one step against any concurrent offer, so of two exports the
   * one that read the newer data wins whichever finishes last; on a tie the later offer wins.
   *
   * @return whether {@code latest} names {@code version} afterwards
   */
  boolean offerLatest(String datasetId, String version, Instant dataAsOf) throws IOException;

  Optional<byte[]> manifest(String datasetId, String version) throws IOException;

  Optional<byte[]> validationReport(String datasetId, String version) throws IOException;

  /** A part's stored (gzip) bytes. */
  Optional<InputStream> part(String datasetId, String version, String partName) throws IOException;

  /** A version being written: invisible to readers until {@link #publish}. */
  interface Staging extends AutoCloseable {
    OutputStream newPart(String name) throws IOException;

    /**
     * Makes the version visible under {@code version}; {@code latest} is left alone ({@link
     * #offerLatest} decides). Returns false when that version already existed: its content is the
     * same, so the staged copy is dropped.
     */
    boolean publish(String version, byte[] manifest, byte[] validationReport) throws IOException;

    /** Drops whatever was staged and not published. */
    @Override
    void close() throws IOException;
  }
}
