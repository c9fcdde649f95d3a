package org.asrnas.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks that an utterance, recording or speaker id can be part of a file name: ids become names
 * such as {@code <noise-audio>/<recording>.sph}, so an id like {@code ../../x} would write outside
 * the directory it was meant for. An id may not be empty, contain {@code /}, {@code \} or control
 * characters, start with {@code .} (which covers {@code .} and {@code ..}), or be longer than 200
 * bytes of UTF-8 (file names are limited to 255).
 */
public final class Ids {
  /** The longest id in UTF-8 bytes, leaving room for prefixes and extensions in a file name. */
  public static final int MAX_BYTES = 200;

  private Ids() {}

  /** What makes {@code id} unusable in a file name; empty when it is fine. */
  public static Optional<String> fileNameProblem(String id) {
    if (id.isEmpty()) {
      return Optional.of("it is empty");
    }
    if (id.startsWith(".")) {
      return Optional.of("it starts with '.'");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || c == '\\') {
        return Optional.of("it contains '" + c + "'");
      }
      if (Character.isISOControl(c)) {
        return Optional.of(
            String.format(java.util.Locale.ROOT, "it contains control character U+%04X", (int) c));
      }
    }
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("it is longer than " + MAX_BYTES + " bytes");
    }
    return Optional.empty();
  }

  /** The full message for a bad id, with the rule and the fix. */
  public static String describe(String id, String problem) {
    return "id '"
        + printable(id)
        + "' cannot be used in file names ("
        + problem
        + "); ids may not contain '/', '\\' or control characters, start with '.', or exceed "
        + MAX_BYTES
        + " bytes: rename it in every file of the data directory";
  }

  /**
   * Returns {@code id}.
   *
   * @throws IllegalArgumentException when {@link #fileNameProblem} finds a problem
   */
  public static String checkFileSafe(String id) {
    Optional<String> p = fileNameProblem(id);
    if (p.isPresent()) {
      throw new IllegalArgumentException(describe(id, p.get()));
    }
    return id;
  }

  /** {@code id} with control characters escaped and at most 80 characters, for messages. */
  static String printable(String id) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < id.length() && sb.length() < 80; i++) {
      char c = id.charAt(i);
      sb.append(
          Character.isISOControl(c)
              ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)
              : String.valueOf(c));
    }
    return sb.length() >= 80 && id.length() > 80 ? sb.substring(0, 77) + "..." : sb.toString();
  }
}
