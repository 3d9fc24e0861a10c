package io.butlerbench.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The test key pair and service token for a packaged application: a {@code @QuarkusIntegrationTest}
 * starts the service in its own process, which does not see the test class path's {@link
 * TestKeysConfigSource}, so the verification key and the service token are handed to it as start-up
 * configuration. The token goes by file, as in production: the launcher prints the command line it
 * starts, and a token must never reach a build log. Use beside {@link MongoTestResource}.
 */
public class TestKeysResource implements QuarkusTestResourceLifecycleManager {
  private static final Path SERVICE_TOKEN = TestTokens.KEYS.resolve("test-service.token");

  @Override
  public Map<String, String> start() {
    TestKeysConfigSource keys = new TestKeysConfigSource();
    try {
      Files.deleteIfExists(SERVICE_TOKEN);
      Files.createFile(
          SERVICE_TOKEN,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          SERVICE_TOKEN, keys.getValue("butler.service-token"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "mp.jwt.verify.publickey.location",
        keys.getValue("mp.jwt.verify.publickey.location"),
        "butler.service-token-file",
        SERVICE_TOKEN.toString());
  }

  @Override
  public void stop() {
    // the key pair outlives the application: other test classes of the module sign with it
  }
}
