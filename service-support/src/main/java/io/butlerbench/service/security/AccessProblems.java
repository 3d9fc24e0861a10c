package io.butlerbench.service.security;

import io.butlerbench.service.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Refusals answered as problems that say what to do: 401 when the token is missing or does not
 * verify (signature, expiry, issuer, audience), 403 when it verifies but lacks the role. Why a
 * token failed is logged (at DEBUG, never the token), not answered: a caller probing tokens learns
 * nothing from the answer.
 */
public class AccessProblems {
  private static final Logger LOG = Logger.getLogger(AccessProblems.class);

  @ServerExceptionMapper
  public Response noToken(UnauthorizedException e) {
    return unauthorized(
        "Send 'Authorization: Bearer <token>' with a signed token (docs/security.md)");
  }

  @ServerExceptionMapper
  public Response badToken(AuthenticationFailedException e) {
    LOG.debugf("token refused: %s", reasons(e));
    return unauthorized(
        "The bearer token was refused: it must be signed by the configured key, unexpired, and"
            + " issued for this audience by the configured issuer (docs/security.md)");
  }

  @ServerExceptionMapper
  public Response missingRole(ForbiddenException e) {
    return new Problem(
            "urn:butler-bench:problem:forbidden",
            "Forbidden",
            403,
            "Your token does not carry a role this action needs; see the table of roles in"
                + " docs/security.md",
            null,
            "role")
        .toResponse();
  }

  /**
   * Why a token failed, without the token: the verifier's messages quote the token itself, so only
   * the exception types and the JOSE error codes (1 expired, 8 audience, 12 issuer, 9 signature, 17
   * unreadable; see org.jose4j.jwt.consumer.ErrorCodes) are logged.
   */
  static String reasons(Throwable failure) {
    List<String> reasons = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String reason = cause.getClass().getSimpleName();
      if (cause instanceof InvalidJwtException invalid) {
        reason +=
            invalid.getErrorDetails().stream()
                .map(detail -> String.valueOf(detail.getErrorCode()))
                .collect(Collectors.joining(",", "[codes ", "]"));
      }
      reasons.add(reason);
    }
    return String.join(" <- ", reasons);
  }

  private static Response unauthorized(String detail) {
    return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }
}
