package io.butlerbench.exporter.export;

import io.butlerbench.contracts.dataset.DatasetManifest;
import io.butlerbench.exporter.schema.RecordSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id of a dataset version, named after its content: a SHA-256 over the selection rules and then
 * the published lines in order. The moment of the export is not part of it, so exporting unchanged
 * data again names the same version, and a retry publishes nothing new.
 */
final class ContentAddress {
  /** Hex digits of a version id. */
  private static final int VERSION_LENGTH = 20;

  private final MessageDigest content = sha256();

  /** Starts with the rules: schema version, source, window, channel, language and limit. */
  ContentAddress(DatasetManifest.Filters filters) {
    content.update(
        (RecordSchema.VERSION
                + "|"
                + filters.source()
                + "|"
                + filters.windowHours()
                + "|"
                + filters.channel()
                + "|"
                + filters.language()
                + "|"
                + filters.limit()
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** Adds one published line, with its line break. */
  void add(byte[] line) {
    content.update(line);
  }

  /** The version id; call once, after the last line. */
  String version() {
    return HexFormat.of().formatHex(content.digest()).substring(0, VERSION_LENGTH);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
