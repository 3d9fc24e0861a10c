package io.butlerbench.exporter;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The packaged service runs with its production profile, whose dataset folder is {@code
 * data/datasets} of the working directory: an integration test points it into {@code target}, where
 * the {@code @QuarkusTest} suite keeps its datasets too ({@code %test.exporter.storage-dir}).
 */
public class DatasetFolderResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    return Map.of("exporter.storage-dir", "target/test-datasets");
  }

  @Override
  public void stop() {
    // the folder is the build's: mvn clean removes it
  }
}
