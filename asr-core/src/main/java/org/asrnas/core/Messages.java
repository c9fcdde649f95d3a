package org.asrnas.core;

/**
 * Shortening of messages for one-line reports: the reasons in skip lists ({@code skipped.txt},
 * {@code skipped ID: reason}), values quoted in errors. One place, so that every report cuts and
 * marks text alike.
 */
public final class Messages {
  /** The longest reason a skip list gives one utterance (one line, the id included or not). */
  public static final int MAX_REASON_CHARS = 200;

  private Messages() {}

  /**
   * {@code s} cut to at most {@code maxChars} characters, the cut marked by {@code ...} (which
   * counts towards the limit).
   */
  public static String abbreviate(String s, int maxChars) {
    Checks.checkArgument(maxChars >= 4, "maxChars must be >= 4, got %s", maxChars);
    return s.length() <= maxChars ? s : s.substring(0, maxChars - 3) + "...";
  }

  /** {@code s} on one line: every run of control characters (line breaks, tabs) becomes a space. */
  public static String oneLine(String s) {
    return s.replaceAll("[\\x00-\\x1f]+", " ").strip();
  }

  /**
   * A message as a skip reason: on one line and at most {@link #MAX_REASON_CHARS} characters;
   * {@code "no message"} for null.
   */
  public static String reason(String message) {
    return abbreviate(oneLine(message == null ? "no message" : message), MAX_REASON_CHARS);
  }
}
