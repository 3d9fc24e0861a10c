package io.butlerbench.testing;

import io.butlerbench.tokens.Keys;
import io.butlerbench.tokens.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * Tokens for tests, signed the way the local stack signs them ({@code token-tool}) with a key pair
 * created once per module build in {@code target/test-keys}; the service under test verifies them
 * against its public key ({@link TestKeysConfigSource}). Also the tokens a service must refuse.
 */
public final class TestTokens {
  /** Where the module's test key pair lives; one folder, whatever class loader asks. */
  public static final Path KEYS = Path.of("target", "test-keys").toAbsolutePath();

  private static final Duration LIFETIME = Duration.ofHours(2);

  private TestTokens() {}

  /** {@code Authorization} header value for {@code subject} holding {@code roles}. */
  public static String bearer(String subject, String... roles) {
    return "Bearer " + token(subject, roles);
  }

  public static String token(String subject, String... roles) {
    return Tokens.mint(Tokens.Claims.local(subject, List.of(roles), LIFETIME), keys().privateKey());
  }

  /** Signed by the right key, but it expired an hour ago. */
  public static String expired(String subject, String... roles) {
    return Tokens.sign(
        Tokens.Claims.local(subject, List.of(roles), Duration.ofMinutes(10)),
        keys().privateKey(),
        Instant.now().minus(Duration.ofHours(1)));
  }

  /** Everything right but the signature: another key signed it. */
  public static String signedByAnotherKey(String subject, String... roles) {
    return Tokens.mint(
        Tokens.Claims.local(subject, List.of(roles), LIFETIME), Keys.generate().privateKey());
  }

  /** Signed by the right key for another audience. */
  public static String forAnotherAudience(String subject, String... roles) {
    return Tokens.mint(
        new Tokens.Claims(subject, List.of(roles), Tokens.LOCAL_ISSUER, "another-system", LIFETIME),
        keys().privateKey());
  }

  /** Signed by the right key, but naming another issuer. */
  public static String fromAnotherIssuer(String subject, String... roles) {
    return Tokens.mint(
        new Tokens.Claims(subject, List.of(roles), "someone-else", Tokens.AUDIENCE, LIFETIME),
        keys().privateKey());
  }

  /** The claims of a valid token with {@code "alg":"none"} and no signature. */
  public static String unsigned(String subject, String... roles) {
    String[] parts = token(subject, roles).split("\\.");
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + parts[1] + ".";
  }

  /**
   * The public key as a JWKS document, as an OIDC provider publishes it at its {@code jwks_uri}.
   */
  public static String jwks() {
    RsaJsonWebKey key = new RsaJsonWebKey((RSAPublicKey) keys().publicKey());
    key.setKeyId("butler-bench-test");
    key.setUse("sig");
    key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
    return new JsonWebKeySet(key).toJson();
  }

  /** Read (or created) once per class loader: every token of a test run is signed by this pair. */
  static Keys keys() {
    return KeysHolder.KEYS_IN_FOLDER;
  }

  private static final class KeysHolder {
    static final Keys KEYS_IN_FOLDER = Keys.inFolder(KEYS);
  }
}
