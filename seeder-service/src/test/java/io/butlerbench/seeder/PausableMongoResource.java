package io.butlerbench.seeder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** {@code @WithTestResource(PausableMongoResource.class)}: MongoDB that an outage test can stop. */
public class PausableMongoResource implements QuarkusTestResourceLifecycleManager {
  private static volatile PausableMongo current;

  /** The server of the running test class. */
  public static PausableMongo server() {
    return current;
  }

  @Override
  public Map<String, String> start() {
    PausableMongo mongo = new PausableMongo();
    mongo.resume();
    current = mongo;
    return Map.of(
        "quarkus.mongodb.connection-string",
        mongo.connectionString(),
        "quarkus.mongodb.devservices.enabled",
        "false");
  }

  @Override
  public void stop() {
    if (current != null) {
      current.close();
    }
  }
}
