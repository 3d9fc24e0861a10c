package io.butlerbench.pilot.clients;

import com.fasterxml.jackson.databind.ObjectReader;
import io.butlerbench.contracts.dataset.DatasetRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The records of a dataset version read one at a time as the exporter sends them (NDJSON), so that
 * a dataset of any size is never held in memory; close it to let the connection go. A body that
 * stops before its end, or goes silent past the client's read timeout, fails {@link #next()}. Its
 * records are read outside any REST signature, hence registered for reflection here.
 */
@RegisterForReflection(
    targets = {
      DatasetRecord.class,
      DatasetRecord.Metadata.class,
      DatasetRecord.GroundTruth.class,
      DatasetRecord.LlmJudge.class,
      DatasetRecord.Scores.class,
      DatasetRecord.Verdict.class
    })
public final class RecordStream implements Closeable {
  private final BufferedReader lines;
  private final ObjectReader record;

  RecordStream(InputStream body, ObjectReader record) {
    this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    this.record = record;
  }

  /** The next record; null at the end. */
  public DatasetRecord next() throws IOException {
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (!line.isBlank()) {
        return record.readValue(line);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
