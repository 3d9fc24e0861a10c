package io.butlerbench.testing;

import io.butlerbench.tokens.Keys;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * On every service's test class path: the service verifies tokens with the module's test key pair
 * ({@link TestTokens}), and calls other services with a token of its own ({@code test-service},
 * role {@code service}). Below application.properties, so a test profile can override it.
 */
public class TestKeysConfigSource implements ConfigSource {
  private static final int BELOW_APPLICATION_PROPERTIES = 200;

  private volatile Map<String, String> properties;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> known = properties;
    if (known == null) {
      known =
          Map.of(
              "mp.jwt.verify.publickey.location",
              TestTokens.KEYS.resolve(Keys.PUBLIC_KEY).toUri().toString(),
              "butler.service-token",
              TestTokens.token("test-service", "service"));
      properties = known;
    }
    return known;
  }

  @Override
  public Set<String> getPropertyNames() {
    return getProperties().keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return getProperties().get(propertyName);
  }

  @Override
  public String getName() {
    return "butler-bench test keys";
  }

  @Override
  public int getOrdinal() {
    return BELOW_APPLICATION_PROPERTIES;
  }
}
