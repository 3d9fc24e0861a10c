package io.butlerbench.service.security;

import io.butlerbench.service.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every endpoint outside {@code /q/} (health, metrics, OpenAPI) needs {@code Authorization: Bearer
 * <butler.auth.token>}; one rule for all services keeps operators from guessing which calls are
 * protected.
 */
public class BearerTokenFilter {
  private static final String PREFIX = "Bearer ";

  private final byte[] expected;

  public BearerTokenFilter(@ConfigProperty(name = "butler.auth.token") String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  @ServerRequestFilter(preMatching = true)
  public Optional<Response> requireToken(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/q/") || path.equals("/q")) {
      return Optional.empty();
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null
        && header.startsWith(PREFIX)
        && MessageDigest.isEqual(
            expected, header.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    Response unauthorized =
        Response.fromResponse(
                Problem.of(
                        Response.Status.UNAUTHORIZED,
                        "Send 'Authorization: Bearer <token>' with the token configured as"
                            + " butler.auth.token (BUTLER_AUTH_TOKEN)")
                    .toResponse())
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .build();
    return Optional.of(unauthorized);
  }
}
