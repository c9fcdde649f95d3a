package org.asrnas.recognizer;

import java.util.List;
import org.asrnas.core.Checks;
import org.asrnas.decoder.Hypothesis;

/**
 * One hypothesis of an utterance.
 *
 * @param text the transcript: the words, or the units (characters joined at {@code <space>}, other
 *     units separated by spaces) when decoding without a lexicon
 * @param words the words of {@code text} with times (NaN when unknown)
 * @param units the units with times (NaN when unknown)
 * @param score the total score (natural log) that ranked it
 * @param acousticScore the acoustic part of {@code score}
 * @param lmScore the language-model log-probability (natural log, unweighted; 0 without an LM)
 * @param hypothesis the decoder's hypothesis it was made from (unit ids, words, and their spans in
 *     network output frames), for {@link org.asrnas.decoder.Ctm} and other frame-level use
 */
public record Alternative(
    String text,
    List<Word> words,
    List<Unit> units,
    double score,
    double acousticScore,
    double lmScore,
    Hypothesis hypothesis) {
  public Alternative {
    Checks.checkNotNull(text, "text");
    Checks.checkNotNull(hypothesis, "hypothesis");
    words = List.copyOf(words);
    units = List.copyOf(units);
  }
}
