package io.butlerbench.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenToolTest {
  @TempDir Path folder;

  @Test
  void aMintedTokenVerifiesWithThePublicKeyFileAndCarriesSubjectRolesIssuerAndAudience()
      throws Exception {
    Keys keys = Keys.inFolder(folder);
    String token =
        Tokens.mint(
            Tokens.Claims.local("ml-lead", List.of("ml_lead"), Duration.ofHours(1)),
            keys.privateKey());

    var claims = consumer(Keys.inFolder(folder)).processToClaims(token);

    assertEquals("ml-lead", claims.getSubject());
    assertEquals(List.of("ml_lead"), claims.getStringListClaimValue("groups"));
    assertEquals(Tokens.LOCAL_ISSUER, claims.getIssuer());
    assertEquals(List.of(Tokens.AUDIENCE), claims.getAudience());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(folder.resolve(Keys.PRIVATE_KEY))));
  }

  @Test
  void aTokenSignedWithAnotherKeyDoesNotVerify() {
    String token =
        Tokens.mint(
            Tokens.Claims.local("mallory", List.of("ml_lead"), Duration.ofHours(1)),
            Keys.generate().privateKey());

    assertThrows(InvalidJwtException.class, () -> consumer(Keys.inFolder(folder)).process(token));
  }

  @Test
  void callersCreatingTheKeysAtOnceAllEndWithTheSamePair() throws Exception {
    int callers = 8;
    CyclicBarrier barrier = new CyclicBarrier(callers);
    Set<String> publicKeys = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  barrier.await();
                  Keys keys = Keys.inFolder(folder);
                  // the private key each caller got must match the public key file on disk
                  String token =
                      Tokens.mint(
                          Tokens.Claims.local("race", List.of(), Duration.ofMinutes(1)),
                          keys.privateKey());
                  consumer(keys).process(token);
                  publicKeys.add(keys.publicKeyPem());
                } catch (Exception e) {
                  publicKeys.add("failed: " + e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(1, publicKeys.size(), publicKeys.toString());
    assertEquals(
        publicKeys.iterator().next(),
        Files.readString(folder.resolve(Keys.PUBLIC_KEY), StandardCharsets.US_ASCII));
  }

  @Test
  void mintWritesTokenAndHeaderFilesForItsOwnerOnlyAndNeverPrintsTheToken() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    int status =
        TokenTool.run(
            new String[] {
              "mint",
              "--keys",
              folder.resolve("keys").toString(),
              "--out-dir",
              folder.resolve("tokens").toString(),
              "--lifetime",
              "2h",
              "ops-owner=operations_owner",
              "pilot-service=service"
            },
            out,
            out);

    assertEquals(0, status, printed.toString(StandardCharsets.UTF_8));
    String token = Files.readString(folder.resolve("tokens/ops-owner.token"));
    assertEquals(
        "Authorization: Bearer " + token + "\n",
        Files.readString(folder.resolve("tokens/ops-owner.header")));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(folder.resolve("tokens/ops-owner.token"))));
    assertFalse(printed.toString(StandardCharsets.UTF_8).contains(token));
    var claims = consumer(Keys.inFolder(folder.resolve("keys"))).processToClaims(token);
    assertEquals(List.of("operations_owner"), claims.getStringListClaimValue("groups"));
    long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
    assertEquals(Duration.ofHours(2).toSeconds(), lifetime);
    assertTrue(Files.exists(folder.resolve("tokens/pilot-service.token")));
  }

  @Test
  void aHolderWithoutARoleIsAUsageError() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    int status =
        TokenTool.run(
            new String[] {
              "mint", "--keys", folder.toString(), "--out-dir", folder.toString(), "x="
            },
            out,
            out);

    assertEquals(2, status);
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("NAME=ROLE"));
  }

  private static JwtConsumer consumer(Keys keys) {
    return new JwtConsumerBuilder()
        .setVerificationKey(keys.publicKey())
        .setExpectedIssuer(Tokens.LOCAL_ISSUER)
        .setExpectedAudience(Tokens.AUDIENCE)
        .setRequireSubject()
        .setRequireExpirationTime()
        .build();
  }
}
