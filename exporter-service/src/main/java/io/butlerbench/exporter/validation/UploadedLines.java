package io.butlerbench.exporter.validation;

import io.butlerbench.service.problem.ContentTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of an uploaded JSONL body, read one at a time: at most one line is held in memory, and
 * reading stops with {@link ContentTooLargeException} at the first byte past a limit (a line too
 * long, one line too many) rather than after the whole body. Lines end as {@link
 * java.io.BufferedReader#readLine()} ends them: {@code \n}, {@code \r} or {@code \r\n}.
 */
final class UploadedLines {
  private static final int BUFFER = 8192;

  private final InputStream body;
  private final long maxLines;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[BUFFER];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int position;
  private int limit;
  private boolean skipNewline;
  private long number;

  UploadedLines(InputStream body, UploadLimits limits) {
    this.body = body;
    this.maxLines = limits.maxLines();
    this.maxLineBytes = limits.maxLineBytes();
  }

  /** The number of the line last returned (1-based). */
  long number() {
    return number;
  }

  /** The next line without its line break, or null at the end of the body. */
  String next() throws IOException {
    line.reset();
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = body.read(buffer, 0, BUFFER);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? counted() : null;
        }
      }
      if (skipNewline) {
        skipNewline = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
        position++;
      }
      append(start, position - start);
      any = true;
      if (position < limit) {
        skipNewline = buffer[position] == '\r';
        position++;
        return counted();
      }
    }
  }

  private void append(int start, int length) {
    if (line.size() + length > maxLineBytes) {
      throw new ContentTooLargeException(
          "line " + (number + 1),
          "max-line-bytes",
          "Line "
              + (number + 1)
              + " is longer than "
              + maxLineBytes
              + " bytes, the limit set by exporter.validation.max-line-bytes: no record of a"
              + " dataset is that long");
    }
    line.write(buffer, start, length);
  }

  private String counted() {
    if (number == maxLines) {
      throw new ContentTooLargeException(
          "line " + (number + 1),
          "max-lines",
          "The upload has more than "
              + maxLines
              + " lines, the limit set by exporter.validation.max-lines; validate it in parts");
    }
    number++;
    return line.toString(StandardCharsets.UTF_8);
  }
}
