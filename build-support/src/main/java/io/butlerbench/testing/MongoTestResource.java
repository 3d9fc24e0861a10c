package io.butlerbench.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The one way a {@code @QuarkusTest} gets MongoDB:
 * {@code @QuarkusTestResource(MongoTestResource.class)}. Pass init arg {@code state=down} to start
 * the application with MongoDB unreachable; inject the server into a test field of type {@link
 * InProcessMongo} annotated {@link InjectMongo} to end the outage.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {
  private InProcessMongo mongo;
  private boolean startDown;

  @Override
  public void init(Map<String, String> initArgs) {
    startDown = "down".equals(initArgs.get("state"));
  }

  @Override
  public Map<String, String> start() {
    mongo = startDown ? InProcessMongo.stopped() : InProcessMongo.start();
    return Map.of(
        "quarkus.mongodb.connection-string",
        mongo.connectionString(),
        "quarkus.mongodb.devservices.enabled",
        "false");
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        mongo, new TestInjector.AnnotatedAndMatchesType(InjectMongo.class, InProcessMongo.class));
  }

  @Override
  public void stop() {
    if (mongo != null) {
      mongo.close();
    }
  }
}
