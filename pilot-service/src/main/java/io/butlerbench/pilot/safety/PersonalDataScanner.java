package io.butlerbench.pilot.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in training text before a pilot may use it: e-mail addresses, phone numbers
 * in Russian and international formats, payment card numbers that pass the Luhn check, and
 * passport-like numbers. Findings are masked, so the report itself leaks nothing.
 */
public final class PersonalDataScanner {

  /** What was found, where, and a masked excerpt. */
  public record Finding(String kind, int offset, String masked) {}

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  /** +7 / 8 Russian numbers with any of the usual separators, and other international numbers. */
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w+])(?:(?:\\+7|8)[\\s(-]*\\d{3}[\\s)-]*\\d{3}[\\s-]*\\d{2}[\\s-]*\\d{2}"
              + "|\\+(?!7)\\d{1,3}[\\s-]?\\(?\\d{2,4}\\)?(?:[\\s-]?\\d{2,4}){2,3})(?![\\w])");

  /** 13-19 digits, optionally grouped by spaces or hyphens; confirmed by the Luhn check. */
  private static final Pattern CARD = Pattern.compile("(?<!\\d)(?:\\d[ -]?){12,18}\\d(?!\\d)");

  /** Russian internal passport: series of 4 digits (often "45 08") and number of 6 digits. */
  private static final Pattern PASSPORT =
      Pattern.compile("(?<!\\d)\\d{2}\\s?\\d{2}\\s*(?:(?:№|номер|N)\\s*)?\\d{6}(?!\\d)");

  public List<Finding> scan(String text) {
    List<Finding> findings = new ArrayList<>();
    find(EMAIL, "email", text, findings);
    find(PHONE, "phone", text, findings);
    Matcher card = CARD.matcher(text);
    while (card.find()) {
      String digits = card.group().replaceAll("[ -]", "");
      if (luhn(digits)) {
        findings.add(new Finding("payment_card", card.start(), mask(card.group())));
      }
    }
    Matcher passport = PASSPORT.matcher(text);
    while (passport.find()) {
      boolean insideCard =
          findings.stream()
              .anyMatch(
                  f -> f.kind().equals("payment_card") && overlaps(f.offset(), passport.start()));
      if (!insideCard && mentionsPassport(text, passport.start())) {
        findings.add(new Finding("passport", passport.start(), mask(passport.group())));
      }
    }
    return findings;
  }

  /**
   * Passport-like digits count only near a word that says so; plain 10-digit numbers are common.
   */
  private static boolean mentionsPassport(String text, int offset) {
    String before =
        text.substring(Math.max(0, offset - 40), offset).toLowerCase(java.util.Locale.ROOT);
    return before.contains("паспорт") || before.contains("passport") || before.contains("серия");
  }

  private static boolean overlaps(int cardOffset, int offset) {
    return Math.abs(cardOffset - offset) < 20;
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return digits.length() >= 13 && sum % 10 == 0;
  }

  private static void find(Pattern pattern, String kind, String text, List<Finding> findings) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      findings.add(new Finding(kind, matcher.start(), mask(matcher.group())));
    }
  }

  /** The longest masked excerpt: a finding of any length stays a short line of the report. */
  static final int MAX_MASKED = 64;

  /**
   * Keeps the first two and last two characters: enough to find it, not enough to use it. At most
   * {@link #MAX_MASKED} characters: the stars of a longer value stop there.
   */
  static String mask(String value) {
    if (value.length() <= 4) {
      return "*".repeat(value.length());
    }
    return value.substring(0, 2)
        + "*".repeat(Math.min(value.length() - 4, MAX_MASKED - 4))
        + value.substring(value.length() - 2);
  }
}
