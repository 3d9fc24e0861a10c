package io.butlerbench.pilot.training;

import java.io.IOException;
import java.util.function.Supplier;
import org.bson.Document;

/** Where a pilot's model is trained. The job it returns is stored with the pilot. */
public interface TrainingProvider {

  /** {@code openai} or {@code external}: what a training request names. */
  String name();

  /**
   * Submits the job. {@code trainingFile} builds the chat-formatted JSONL on demand, so a provider
   * that does not upload it never pays for it.
   */
  Document submit(Document pilot, Supplier<byte[]> trainingFile)
      throws IOException, InterruptedException;
}
