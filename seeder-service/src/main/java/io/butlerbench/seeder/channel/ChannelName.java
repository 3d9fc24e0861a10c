package io.butlerbench.seeder.channel;

import io.butlerbench.service.problem.InvalidRequestException;
import java.util.regex.Pattern;

/** A Telegram channel username: {@code @} followed by 5-32 of {@code [A-Za-z0-9_]}. */
public final class ChannelName {
  public static final String RULE = "@ followed by 5-32 of [A-Za-z0-9_]";
  public static final String REGEX = "@[A-Za-z0-9_]{5,32}";
  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private ChannelName() {}

  public static boolean isValid(String name) {
    return name != null && PATTERN.matcher(name).matches();
  }

  /** Rejects a bad name with a 400 that names {@code field}. */
  public static String require(String name, String field) {
    if (!isValid(name)) {
      throw new InvalidRequestException(
          field, "pattern", "'" + name + "' is not a channel name: expected " + RULE);
    }
    return name;
  }
}
