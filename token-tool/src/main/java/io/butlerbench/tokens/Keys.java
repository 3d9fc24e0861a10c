package io.butlerbench.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key pair tokens are signed with, kept in one folder as PEM: {@code private-key.pem}
 * (PKCS#8, readable by its owner only) signs; {@code public-key.pem} (X.509, derived from it) is
 * what services verify with ({@code mp.jwt.verify.publickey.location}). Created once; never
 * committed.
 */
public final class Keys {
  public static final String PRIVATE_KEY = "private-key.pem";
  public static final String PUBLIC_KEY = "public-key.pem";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private Keys(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** A fresh pair, held in memory only (tests that need a key nobody trusts). */
  public static Keys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new Keys(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is required of every JVM", e);
    }
  }

  /**
   * The pair kept in {@code folder}, created there first if it is not. Safe to call from several
   * processes at once: the private key is published with a hard link, which fails if another one is
   * already there, so every caller ends up with the same pair; the public key is derived from it
   * and written each time (the same bytes whoever writes them).
   */
  public static Keys inFolder(Path folder) {
    Path privateKeyFile = folder.resolve(PRIVATE_KEY);
    try {
      if (!Files.exists(privateKeyFile)) {
        create(folder);
      }
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey)
              KeyFactory.getInstance("RSA")
                  .generatePrivate(new PKCS8EncodedKeySpec(pem(privateKeyFile)));
      PublicKey publicKey =
          KeyFactory.getInstance("RSA")
              .generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      Keys keys = new Keys(privateKey, publicKey);
      Path staged = Files.createTempFile(folder, ".public-", ".pem");
      Files.writeString(staged, keys.publicKeyPem(), StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(
          staged,
          folder.resolve(PUBLIC_KEY),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the keys in " + folder, e);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException(privateKeyFile + " is not an RSA private key (PKCS#8)", e);
    }
  }

  /** The public key as PEM, what a service verifies with. */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  private static void create(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path staged =
        Files.createTempFile(
            folder,
            ".private-",
            ".pem",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(
          staged,
          pem("PRIVATE KEY", generate().privateKey.getEncoded()),
          StandardCharsets.US_ASCII);
      Files.createLink(folder.resolve(PRIVATE_KEY), staged);
    } catch (FileAlreadyExistsException lost) {
      // another caller published its key first: that one is kept
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  private static byte[] pem(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
