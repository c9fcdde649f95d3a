package org.asrnas.decoder;

import java.util.Arrays;
import java.util.List;
import org.asrnas.core.Checks;

/**
 * One decoding result.
 *
 * @param units collapsed unit ids (no blanks, repeats merged)
 * @param words words, for decoders that output words (the lexicon decoder); empty otherwise
 * @param score total score (natural log) that ranked the hypothesis
 * @param acousticScore the acoustic part of {@code score} (log-probability of the alignment or of
 *     all alignments, depending on the decoder)
 * @param lmScore the language-model log-probability (natural log, unweighted) of {@code words}
 */
public record Hypothesis(
    int[] units, List<String> words, double score, double acousticScore, double lmScore) {
  public Hypothesis {
    Checks.checkNotNull(units, "units");
    units = units.clone();
    words = List.copyOf(words);
  }

  @Override
  public int[] units() {
    return units.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hypothesis h
        && Arrays.equals(h.units, units)
        && h.words.equals(words)
        && Double.compare(h.score, score) == 0
        && Double.compare(h.acousticScore, acousticScore) == 0
        && Double.compare(h.lmScore, lmScore) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(units) + words.hashCode() + Double.hashCode(score);
  }

  @Override
  public String toString() {
    return "Hypothesis[units="
        + Arrays.toString(units)
        + ", words="
        + words
        + ", score="
        + score
        + "]";
  }
}
