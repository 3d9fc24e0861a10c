package io.butlerbench.service.security;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token this service shows when it calls another one: its own identity (a subject such as
 * {@code pilot-service} with the {@code service} role), never a caller's. Read from a file on every
 * call, so that a token minted anew (or rotated) is used without a restart; or given as a value.
 */
@Singleton
public class ServiceToken implements Supplier<String> {
  private final Optional<Path> file;
  private final Optional<String> value;

  public ServiceToken(
      @ConfigProperty(name = "butler.service-token-file") Optional<Path> file,
      @ConfigProperty(name = "butler.service-token") Optional<String> value) {
    this.file = file;
    this.value = value;
  }

  @Override
  public String get() {
    if (file.isPresent()) {
      try {
        return Files.readString(file.get(), StandardCharsets.US_ASCII).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read this service's token from " + file.get() + " (BUTLER_SERVICE_TOKEN_FILE)",
            e);
      }
    }
    return value.orElseThrow(
        () ->
            new IllegalStateException(
                "This service calls others and has no token of its own: set"
                    + " BUTLER_SERVICE_TOKEN_FILE (or BUTLER_SERVICE_TOKEN) to a token with the"
                    + " service role (docs/security.md)"));
  }
}
