package org.asrnas.decoder.score;

import org.asrnas.core.Checks;

/**
 * One hypothesis word of a NIST CTM file: {@code file channel begin duration word [confidence]}.
 *
 * @param file the recording id, as in the STM
 * @param channel its channel, as in the STM
 * @param beginSeconds word start
 * @param durationSeconds word duration, not negative
 * @param word the word
 * @param confidence the confidence in [0, 1], or {@code NaN} when absent or {@code NA}
 * @param line the 1-based line in the file it came from, 0 when built in code
 */
public record CtmWord(
    String file,
    String channel,
    double beginSeconds,
    double durationSeconds,
    String word,
    double confidence,
    int line) {
  public CtmWord {
    Checks.checkArgument(durationSeconds >= 0, "negative duration %s", durationSeconds);
    Checks.checkArgument(!word.isEmpty(), "empty word");
  }

  /** The time sclite assigns the word to a segment by: {@code begin + duration / 2}. */
  public double midSeconds() {
    return beginSeconds + durationSeconds / 2.0;
  }
}
