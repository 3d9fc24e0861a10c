package io.butlerbench.pilot.training;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.bson.Document;

/** Where a pilot's model is trained. The job it returns is stored with the pilot. */
public interface TrainingProvider {

  /** {@code openai} or {@code external}: what a training request names. */
  String name();

  /**
   * Submits the job. {@code trainingFile} opens the chat-formatted JSONL ({@link TrainingFile}) on
   * demand, as a stream made while it is read, so that a provider that does not upload it never
   * pays for it and one that does never holds it in memory; whoever opens it closes it.
   */
  Document submit(Document pilot, Supplier<InputStream> trainingFile) throws IOException;
}
