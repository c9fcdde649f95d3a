package org.asrnas.core;

import java.util.Locale;

/**
 * Precondition checks for a caller's mistakes. Messages use {@code %s} placeholders and are
 * formatted with {@link Locale#ROOT}; all checks throw {@link IllegalArgumentException}.
 */
public final class Checks {
  private Checks() {}

  public static void checkArgument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
    }
  }

  public static <T> T checkNotNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /** A string that is neither null nor empty nor only white space. */
  public static String checkNotBlank(String value, String name) {
    checkArgument(value != null && !value.isBlank(), "%s must not be blank, got '%s'", name, value);
    return value;
  }

  public static int checkPositive(int value, String name) {
    checkArgument(value > 0, "%s must be positive, got %s", name, value);
    return value;
  }

  public static long checkPositive(long value, String name) {
    checkArgument(value > 0, "%s must be positive, got %s", name, value);
    return value;
  }

  public static double checkPositive(double value, String name) {
    checkArgument(value > 0 && Double.isFinite(value), "%s must be positive, got %s", name, value);
    return value;
  }

  public static int checkNonNegative(int value, String name) {
    checkArgument(value >= 0, "%s must be >= 0, got %s", name, value);
    return value;
  }

  public static double checkNonNegative(double value, String name) {
    checkArgument(value >= 0 && Double.isFinite(value), "%s must be >= 0, got %s", name, value);
    return value;
  }

  /** Checks {@code min <= value <= max}. */
  public static double checkInRange(double value, double min, double max, String name) {
    checkArgument(
        value >= min && value <= max, "%s must be in [%s, %s], got %s", name, min, max, value);
    return value;
  }

  /** Checks {@code min <= value <= max}. */
  public static int checkInRange(int value, int min, int max, String name) {
    checkArgument(
        value >= min && value <= max, "%s must be in [%s, %s], got %s", name, min, max, value);
    return value;
  }
}
