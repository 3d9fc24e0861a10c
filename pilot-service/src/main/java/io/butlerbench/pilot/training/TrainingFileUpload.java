package io.butlerbench.pilot.training;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The multipart form of a training file upload ({@code purpose} {@code fine-tune}, then the file),
 * as one stream made while it is read: the client's own multipart encoder streams a part only as a
 * {@code Multi<Byte>} (one object per byte), so the form's envelope is written here and the file
 * goes through it untouched, never held in memory.
 */
final class TrainingFileUpload {
  private final String boundary = "butler-bench-" + UUID.randomUUID();

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** The form around {@code jsonl} named {@code fileName}; closing it closes {@code jsonl}. */
  InputStream form(String fileName, InputStream jsonl) {
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return new SequenceInputStream(
        Collections.enumeration(
            List.of(new ByteArrayInputStream(head), jsonl, new ByteArrayInputStream(tail))));
  }
}
