package io.butlerbench.service.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * A service that cannot verify tokens must not serve: without a key every request would be refused,
 * or worse, a later default could accept what nobody signed. So outside dev and test the service
 * refuses to start, naming the setting.
 */
@Singleton
public class VerificationKeyRequired {
  /** Where smallrye-jwt reads the key from, in the order it prefers them. */
  static final List<String> KEY_SETTINGS =
      List.of(
          "mp.jwt.verify.publickey.location",
          "mp.jwt.verify.publickey",
          "smallrye.jwt.verify.key.location");

  void onStart(@Observes StartupEvent start, Config config) {
    check(LaunchMode.current(), config);
  }

  static void check(LaunchMode mode, Config config) {
    if (mode.isDevOrTest()) {
      return;
    }
    boolean keyed =
        KEY_SETTINGS.stream()
            .anyMatch(
                setting ->
                    config
                        .getOptionalValue(setting, String.class)
                        .filter(value -> !value.isBlank())
                        .isPresent());
    if (!keyed) {
      throw new IllegalStateException(
          "No key to verify tokens with: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to a PEM public key"
              + " file or to the JWKS URL of your OIDC provider (docs/security.md). The service"
              + " does not start without one.");
    }
  }
}
