package io.butlerbench.pilot;

import com.mongodb.client.MongoDatabase;
import java.util.Date;
import org.bson.Document;

/** Pilots written straight into MongoDB as a step left them, for tests that start mid-way. */
public final class StoredPilots {
  private StoredPilots() {}

  /**
   * An APPROVED pilot of the digest scenario on dataset version {@code v1}, with the default
   * training configuration; its id starts with {@code prefix}.
   */
  public static String approved(MongoDatabase database, String prefix) {
    String id = prefix + System.nanoTime();
    database
        .getCollection("pilots")
        .insertOne(
            new Document("_id", id)
                .append("pilot_id", id)
                .append("scenario", "channel_digest_ru")
                .append("dataset_id", "benchmark_digest_ru_v1")
                .append("dataset_version", "v1")
                .append("baseline_model", "qwen-7b")
                .append("candidate_name", "qwen-7b-ft-ru-digest-stage05")
                .append("initiator", "ml-engineer")
                .append("state", "APPROVED")
                .append(
                    "training",
                    new Document("epochs", 1)
                        .append("batch_size", 4)
                        .append("learning_rate", 2e-5)
                        .append("optimizer", "AdamW")
                        .append("seed", 42L)
                        .append("max_input_tokens", 1024))
                .append("created_at", new Date()));
    return id;
  }
}
