package io.butlerbench.exporter.dataset;

import java.util.regex.Pattern;

/**
 * The one rule for dataset ids, version ids and part names. They come from URLs and request bodies
 * and become path segments (or object keys), so a name can hold no separator and cannot be {@code
 * .} or {@code ..}: no name can climb out of the store's folder.
 */
public final class DatasetNames {
  /** The rule in words, for problem details. */
  public static final String RULE =
      "1-100 of A-Z, a-z, 0-9, '_', '-' and '.', not starting with '.'";

  /** The rule as a regular expression, for {@code @Pattern} on request records. */
  public static final String REGEX = "[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}";

  private static final Pattern NAME = Pattern.compile(REGEX);

  private DatasetNames() {}

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
