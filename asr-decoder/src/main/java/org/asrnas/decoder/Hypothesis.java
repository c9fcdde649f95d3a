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
 * @param unitSpans where each of {@code units} was said (same length), or empty when the decoder
 *     did not track times
 * @param wordSpans where each of {@code words} was said (same length), or empty when the decoder
 *     did not track times or outputs no words
 */
public record Hypothesis(
    int[] units,
    List<String> words,
    double score,
    double acousticScore,
    double lmScore,
    List<Span> unitSpans,
    List<Span> wordSpans) {
  public Hypothesis {
    Checks.checkNotNull(units, "units");
    units = units.clone();
    words = List.copyOf(words);
    unitSpans = List.copyOf(unitSpans);
    wordSpans = List.copyOf(wordSpans);
    Checks.checkArgument(
        unitSpans.isEmpty() || unitSpans.size() == units.length,
        "unitSpans must be empty or one per unit: %s spans for %s units",
        unitSpans.size(),
        units.length);
    Checks.checkArgument(
        wordSpans.isEmpty() || wordSpans.size() == words.size(),
        "wordSpans must be empty or one per word: %s spans for %s words",
        wordSpans.size(),
        words.size());
  }

  /** A hypothesis without times. */
  public Hypothesis(
      int[] units, List<String> words, double score, double acousticScore, double lmScore) {
    this(units, words, score, acousticScore, lmScore, List.of(), List.of());
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
        && Double.compare(h.lmScore, lmScore) == 0
        && h.unitSpans.equals(unitSpans)
        && h.wordSpans.equals(wordSpans);
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
