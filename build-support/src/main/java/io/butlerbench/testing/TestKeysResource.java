package io.butlerbench.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The test key pair and service token for a packaged application: a {@code @QuarkusIntegrationTest}
 * starts the service in its own process, which does not see the test class path's {@link
 * TestKeysConfigSource}, so the same two properties are handed to it as start-up configuration. Use
 * beside {@link MongoTestResource}.
 */
public class TestKeysResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    return new TestKeysConfigSource().getProperties();
  }

  @Override
  public void stop() {
    // the key pair outlives the application: other test classes of the module sign with it
  }
}
