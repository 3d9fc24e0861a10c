package io.butlerbench.tokens;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the local stack and CI:
 *
 * <pre>
 *   keys KEYS_DIR
 *   mint --keys KEYS_DIR --out-dir DIR [--lifetime 12h|7d] [--issuer I] [--audience A] NAME=ROLE[+ROLE]...
 * </pre>
 *
 * {@code mint} writes {@code DIR/NAME.token} and {@code DIR/NAME.header} (an {@code Authorization}
 * line for {@code curl -H @file}), readable by their owner only. No token is ever printed: it would
 * end up in terminals, CI logs and process lists.
 */
public final class TokenTool {
  private static final String USAGE =
      """
      usage: token-tool keys KEYS_DIR
             token-tool mint --keys KEYS_DIR --out-dir DIR [--lifetime 12h|7d|PT30M] \
      [--issuer ISSUER] [--audience AUDIENCE] NAME=ROLE[+ROLE]...
      """;

  private TokenTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 2 && args[0].equals("keys")) {
        Keys.inFolder(Path.of(args[1]));
        out.println("keys: " + Path.of(args[1]).resolve(Keys.PUBLIC_KEY));
        return 0;
      }
      if (args.length > 0 && args[0].equals("mint")) {
        return mint(Arrays.asList(args).subList(1, args.length), out);
      }
      err.print(USAGE);
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    }
  }

  private static int mint(List<String> args, PrintStream out) {
    Path keys = null;
    Path outDir = null;
    Duration lifetime = Duration.ofHours(12);
    String issuer = Tokens.LOCAL_ISSUER;
    String audience = Tokens.AUDIENCE;
    List<String> holders = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--keys" -> keys = Path.of(value(args, ++i, arg));
        case "--out-dir" -> outDir = Path.of(value(args, ++i, arg));
        case "--lifetime" -> lifetime = duration(value(args, ++i, arg));
        case "--issuer" -> issuer = value(args, ++i, arg);
        case "--audience" -> audience = value(args, ++i, arg);
        default -> holders.add(arg);
      }
    }
    if (keys == null || outDir == null || holders.isEmpty()) {
      throw new IllegalArgumentException("mint needs --keys, --out-dir and at least one NAME=ROLE");
    }
    Keys pair = Keys.inFolder(keys);
    for (String holder : holders) {
      int equals = holder.indexOf('=');
      if (equals <= 0 || equals == holder.length() - 1) {
        throw new IllegalArgumentException("not NAME=ROLE[+ROLE]: " + holder);
      }
      String subject = holder.substring(0, equals);
      List<String> roles = List.of(holder.substring(equals + 1).split("\\+"));
      String token =
          Tokens.mint(
              new Tokens.Claims(subject, roles, issuer, audience, lifetime), pair.privateKey());
      writePrivately(outDir.resolve(subject + ".token"), token);
      writePrivately(outDir.resolve(subject + ".header"), "Authorization: Bearer " + token + "\n");
      out.println(
          "token: "
              + outDir.resolve(subject + ".token")
              + " ("
              + String.join(", ", roles)
              + ", "
              + lifetime
              + ")");
    }
    return 0;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  /** {@code 12h}, {@code 7d}, {@code 30m} or an ISO-8601 duration. */
  static Duration duration(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("p")) {
        return Duration.parse(text);
      }
      long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
      return switch (lower.charAt(lower.length() - 1)) {
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new IllegalArgumentException("not a lifetime: " + text);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a lifetime (12h, 7d, 30m or PT12H): " + text, e);
    }
  }

  /** Written whole under another name, then renamed: a reader never sees half a token. */
  private static void writePrivately(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path staged =
          Files.createTempFile(
              file.getParent(),
              ".token-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(staged, content, StandardCharsets.US_ASCII);
      Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
