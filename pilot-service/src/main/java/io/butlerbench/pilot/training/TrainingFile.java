package io.butlerbench.pilot.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.butlerbench.pilot.clients.RecordStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The chat-formatted JSONL a pilot's model is trained on, one line per record of its dataset
 * (system prompt, source text in, reference summary out), read as a stream: each line is made when
 * the reader gets to it, from the next record the exporter sends, so that the file is never held in
 * memory whatever the size of the dataset. Served by {@code GET /pilots/{id}/training-file} and
 * uploaded to the fine-tuning API alike. Closing it lets the exporter's connection go.
 */
public final class TrainingFile extends InputStream {
  static final String SYSTEM_PROMPT = "Сделай краткое изложение на русском языке.";

  private final RecordStream records;
  private final ObjectMapper json;
  private byte[] line = new byte[0];
  private int position;
  private boolean ended;

  public TrainingFile(RecordStream records, ObjectMapper json) {
    this.records = records;
    this.json = json;
  }

  /** The line of one record, without its line break. */
  private static String line(DatasetRecord record, ObjectMapper json) {
    ObjectNode line = json.createObjectNode();
    var messages = line.putArray("messages");
    messages.add(json.createObjectNode().put("role", "system").put("content", SYSTEM_PROMPT));
    messages.add(
        json.createObjectNode()
            .put("role", "user")
            .put("content", java.util.Objects.toString(record.sourceText(), "")));
    messages.add(
        json.createObjectNode()
            .put("role", "assistant")
            .put("content", java.util.Objects.toString(record.summaryMarkdown(), "")));
    return line.toString();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  /** What is left of the current line (at most {@code length} bytes), then the next line. */
  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    while (position == line.length) {
      if (ended || !nextLine()) {
        return -1;
      }
    }
    int n = Math.min(length, line.length - position);
    System.arraycopy(line, position, buffer, offset, n);
    position += n;
    return n;
  }

  private boolean nextLine() throws IOException {
    DatasetRecord record = records.next();
    if (record == null) {
      ended = true;
      return false;
    }
    line = (line(record, json) + "\n").getBytes(StandardCharsets.UTF_8);
    position = 0;
    return true;
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
