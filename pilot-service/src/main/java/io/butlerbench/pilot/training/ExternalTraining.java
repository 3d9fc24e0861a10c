package io.butlerbench.pilot.training;

import java.io.InputStream;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The job runs elsewhere (a GPU node) from the training file this service serves; an operator
 * registers the trained model over REST.
 */
public final class ExternalTraining implements TrainingProvider {

  @Override
  public String name() {
    return "external";
  }

  @Override
  public Document submit(Document pilot, Supplier<InputStream> trainingFile) {
    String id = pilot.getString("_id");
    return new Document("provider", name())
        .append("job_id", "external-" + id)
        .append("status", "submitted")
        .append("training_file", "/pilots/" + id + "/training-file");
  }
}
