package org.asrnas.decoder.score;

import java.util.List;
import java.util.Locale;
import org.asrnas.core.Checks;

/**
 * One reference segment of a NIST STM file: {@code file channel speaker begin end [<labels>]
 * transcript}.
 *
 * @param file the recording (conversation side's file) id
 * @param channel its channel, e.g. {@code A} or {@code 1}
 * @param speaker who speaks; sclite groups its per-speaker rows by this field
 * @param beginSeconds segment start
 * @param endSeconds segment end, not before the start
 * @param labels the optional {@code <...>} label field, empty when absent
 * @param words the transcript's words, {@code (w)} marking an optionally deletable word
 * @param line the 1-based line in the file it came from, 0 when built in code
 */
public record StmSegment(
    String file,
    String channel,
    String speaker,
    double beginSeconds,
    double endSeconds,
    String labels,
    List<String> words,
    int line) {
  public StmSegment {
    Checks.checkArgument(
        endSeconds >= beginSeconds,
        "segment ends (%s s) before it begins (%s s)",
        endSeconds,
        beginSeconds);
    words = List.copyOf(words);
  }

  /**
   * Whether sclite leaves the segment and the hypothesis words assigned to it out of the score: its
   * transcript contains {@code IGNORE_TIME_SEGMENT_IN_SCORING} (or without underscores), in any
   * case.
   */
  public boolean ignored() {
    String t = String.join(" ", words).toUpperCase(Locale.ROOT);
    return t.contains("IGNORE_TIME_SEGMENT_IN_SCORING") || t.contains("IGNORETIMESEGMENTINSCORING");
  }
}
