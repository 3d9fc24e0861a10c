package io.butlerbench.tokens;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signed tokens (JWT, RS256) as the services verify them: the subject is who acts, {@code groups}
 * holds the roles (no {@code upn} or {@code preferred_username}, so that the principal name the
 * access log shows is the subject too), and issuer and audience must match the services' {@code
 * mp.jwt.verify.issuer} and {@code mp.jwt.verify.audiences}.
 */
public final class Tokens {
  /** What the local stack and the tests use; an OIDC provider has its own. */
  public static final String LOCAL_ISSUER = "butler-bench-local";

  public static final String AUDIENCE = "butler-bench";

  private Tokens() {}

  /** What one token says. */
  public record Claims(
      String subject, List<String> roles, String issuer, String audience, Duration lifetime) {
    public Claims {
      if (subject == null || subject.isBlank()) {
        throw new IllegalArgumentException("a token needs a subject");
      }
      roles = List.copyOf(roles);
    }

    /** A local token: the local issuer and the services' audience. */
    public static Claims local(String subject, List<String> roles, Duration lifetime) {
      return new Claims(subject, roles, LOCAL_ISSUER, AUDIENCE, lifetime);
    }
  }

  /** The token, signed with {@code key}; it expires {@code lifetime} from now. */
  public static String mint(Claims claims, PrivateKey key) {
    return sign(claims, key, Instant.now());
  }

  /** The token as if issued at {@code issuedAt} (a past one makes an expired token). */
  public static String sign(Claims claims, PrivateKey key, Instant issuedAt) {
    JwtClaims jwt = new JwtClaims();
    jwt.setIssuer(claims.issuer());
    jwt.setAudience(claims.audience());
    jwt.setSubject(claims.subject());
    jwt.setStringListClaim("groups", claims.roles());
    jwt.setJwtId(UUID.randomUUID().toString());
    jwt.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
    jwt.setExpirationTime(
        NumericDate.fromSeconds(issuedAt.plus(claims.lifetime()).getEpochSecond()));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(jwt.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign a token for " + claims.subject(), e);
    }
  }
}
