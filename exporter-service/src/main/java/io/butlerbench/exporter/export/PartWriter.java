package io.butlerbench.exporter.export;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.exporter.dataset.DatasetStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes JSONL lines into numbered gzip parts that never exceed the size limit. The bytes on disk
 * are counted; when the worst case of what deflate still buffers plus the next line might not fit,
 * a sync flush makes the count exact, and a line that still might not fit starts the next part.
 */
final class PartWriter {
  /** gzip trailer (CRC and size) plus the final empty deflate block. */
  private static final int CLOSING_BYTES = 8 + 16;

  private final DatasetStore.Staging staging;
  private final long maxPartBytes;
  private final List<DatasetManifest.Part> parts = new ArrayList<>();
  private Counting counted;
  private MessageDigest sha256;
  private GZIPOutputStream gzip;
  private long records;
  private long unflushed;

  PartWriter(DatasetStore.Staging staging, long maxPartBytes) {
    this.staging = staging;
    this.maxPartBytes = maxPartBytes;
  }

  /** The compressed size a line can take at worst: zlib's deflateBound plus a sync flush. */
  static long worstCaseBytes(long lineBytes) {
    return lineBytes + (lineBytes >> 12) + (lineBytes >> 14) + 32L;
  }

  /** Whether a line of this size can be published at all under the part limit. */
  static boolean fitsInEmptyPart(int lineBytes, long maxPartBytes) {
    return 10 + worstCaseBytes(lineBytes) + CLOSING_BYTES <= maxPartBytes;
  }

  void write(byte[] line) throws IOException {
    if (gzip == null) {
      startPart();
    } else if (!fits(line.length)) {
      // the estimate says no: flush to learn the exact compressed size, then decide
      gzip.flush();
      unflushed = 0;
      if (!fits(line.length)) {
        startPart();
      }
    }
    gzip.write(line);
    unflushed += line.length;
    records++;
  }

  /**
   * Whether the line surely fits: bytes on disk, plus the worst case of what deflate still holds
   * and of the line, plus the trailer. Flushing only when this fails keeps compression whole.
   */
  private boolean fits(int lineBytes) {
    return counted.count + worstCaseBytes(unflushed) + worstCaseBytes(lineBytes) + CLOSING_BYTES
        <= maxPartBytes;
  }

  List<DatasetManifest.Part> finish() throws IOException {
    closePart();
    return List.copyOf(parts);
  }

  private void startPart() throws IOException {
    closePart();
    String name = String.format("part-%05d.jsonl.gz", parts.size() + 1);
    sha256 = ContentAddress.sha256();
    counted = new Counting(new DigestOutputStream(staging.newPart(name), sha256));
    gzip = new GZIPOutputStream(counted, 16 * 1024, true);
    records = 0;
    unflushed = 0;
    parts.add(new DatasetManifest.Part(name, 0, 0, ""));
  }

  private void closePart() throws IOException {
    if (gzip == null) {
      return;
    }
    gzip.close();
    int last = parts.size() - 1;
    parts.set(
        last,
        new DatasetManifest.Part(
            parts.get(last).name(),
            counted.count,
            records,
            HexFormat.of().formatHex(sha256.digest())));
    gzip = null;
  }

  /** Counts the bytes that reach the file. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
