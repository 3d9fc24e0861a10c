package io.butlerbench.seeder.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.butlerbench.testing.MongoTestResource;
import io.butlerbench.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With an OIDC provider, the service verifies tokens against the provider's published key set (its
 * {@code jwks_uri}), fetched over HTTP, instead of a PEM file: here a stub publishes the test key
 * as a JWKS document, as Keycloak or Dex would.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(TokensVerifiedAgainstAJwksEndpointTest.JwksEndpoint.class)
class TokensVerifiedAgainstAJwksEndpointTest {
  static final String CERTS = "/realms/butler/protocol/openid-connect/certs";

  /** A provider's JWKS endpoint serving the test public key. */
  public static class JwksEndpoint implements QuarkusTestResourceLifecycleManager {
    private WireMockServer provider;

    @Override
    public Map<String, String> start() {
      provider = new WireMockServer(options().dynamicPort());
      provider.start();
      provider.stubFor(get(CERTS).willReturn(okJson(TestTokens.jwks())));
      return Map.of("mp.jwt.verify.publickey.location", provider.baseUrl() + CERTS);
    }

    @Override
    public void stop() {
      provider.stop();
    }
  }

  @Test
  void aTokenSignedWithTheProvidersKeyIsAcceptedAndOneSignedWithAnotherKeyIsNot() {
    given()
        .header("Authorization", TestTokens.bearer("oidc-user", "viewer"))
        .get("/channels")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", "Bearer " + TestTokens.signedByAnotherKey("oidc-user", "viewer"))
        .get("/channels")
        .then()
        .statusCode(401);
  }
}
