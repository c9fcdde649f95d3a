package org.asrnas.recognizer;

import org.asrnas.core.Checks;

/**
 * A recognised unit (a phone or a character of the model's units, blank excluded) and when it was
 * said; times and confidence are {@link Double#NaN} when the decoder does not report them ({@code
 * Hypothesis.unitSpans()} empty).
 *
 * @param symbol the unit as in units.txt
 * @param startSeconds start from the beginning of the audio, or NaN when unknown
 * @param endSeconds end (exclusive), or NaN when unknown
 * @param confidence in [0, 1], or NaN when unknown
 */
public record Unit(String symbol, double startSeconds, double endSeconds, double confidence) {
  public Unit {
    Checks.checkNotNull(symbol, "symbol");
    Checks.checkArgument(
        Double.isNaN(startSeconds) == Double.isNaN(endSeconds),
        "start and end must both be known or both NaN, got %s and %s",
        startSeconds,
        endSeconds);
  }

  /** Whether the decoder reported when the unit was said. */
  public boolean hasTimes() {
    return !Double.isNaN(startSeconds);
  }
}
