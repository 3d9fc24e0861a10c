package io.butlerbench.service.security;

import io.butlerbench.service.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals answered as problems that say what to do: 401 when the token is missing or does not
 * verify (signature, expiry, issuer, audience), 403 when it verifies but lacks the role. Why a
 * token failed is logged, not answered: a caller probing tokens learns nothing from the answer.
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
    LOG.debugf(e, "token refused");
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

  private static Response unauthorized(String detail) {
    return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }
}
