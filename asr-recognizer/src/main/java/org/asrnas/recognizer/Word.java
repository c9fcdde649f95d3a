package org.asrnas.recognizer;

import org.asrnas.core.Checks;

/**
 * A recognised word (or, for unit output without a lexicon, a unit's text) and when it was said.
 * Times and confidence come from the decoder's spans ({@code Hypothesis.wordSpans()}); when the
 * decoder does not report them they are all {@link Double#NaN} ("unknown"), see {@link
 * #hasTimes()}.
 *
 * @param text the word
 * @param startSeconds start from the beginning of the audio, or NaN when unknown
 * @param endSeconds end (exclusive), or NaN when unknown
 * @param confidence in [0, 1] as the decoder defines it, or NaN when unknown
 */
public record Word(String text, double startSeconds, double endSeconds, double confidence) {
  public Word {
    Checks.checkNotNull(text, "text");
    Checks.checkArgument(
        Double.isNaN(startSeconds) == Double.isNaN(endSeconds),
        "start and end must both be known or both NaN, got %s and %s",
        startSeconds,
        endSeconds);
    Checks.checkArgument(
        Double.isNaN(startSeconds) || (startSeconds >= 0 && endSeconds >= startSeconds),
        "need 0 <= start <= end, got %s and %s",
        startSeconds,
        endSeconds);
    Checks.checkArgument(
        Double.isNaN(confidence) || (confidence >= 0 && confidence <= 1),
        "confidence must be in [0, 1] or NaN, got %s",
        confidence);
  }

  /** A word without times or confidence. */
  static Word untimed(String text) {
    return new Word(text, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Whether the decoder reported when the word was said. */
  public boolean hasTimes() {
    return !Double.isNaN(startSeconds);
  }
}
