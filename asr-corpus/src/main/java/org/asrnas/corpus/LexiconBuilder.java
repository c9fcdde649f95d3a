package org.asrnas.corpus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.TextNormalizer;

/**
 * Builds a recipe's {@code lexicon.txt} from the CMU dictionary, as CAT's and EESEN's WSJ recipes
 * do: the dictionary restricted to a vocabulary (or all of it), the first pronunciation of each
 * word unless all are asked for, and the non-speech words {@code <NOISE> NSN}, {@code <SPN> SPN}
 * and {@code <UNK> SPN} so that noise markers in transcripts and unknown words have a unit.
 */
public final class LexiconBuilder {
  /** Non-speech words and their single phone (EESEN's {@code wsj_prepare_dict.sh}). */
  public static final Map<String, String> NON_SPEECH;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(TextNormalizer.NOISE_WORD, "NSN");
    m.put("<SPN>", "SPN");
    m.put("<UNK>", "SPN");
    NON_SPEECH = java.util.Collections.unmodifiableMap(m);
  }

  private LexiconBuilder() {}

  /**
   * The lexicon of {@code vocabulary} (all dictionary words when it is empty).
   *
   * @param dictionary the CMU dictionary
   * @param vocabulary words to keep; words the dictionary lacks are left out (see {@link #missing})
   * @param allPronunciations keep every pronunciation instead of the first
   * @param nonSpeech add {@link #NON_SPEECH}
   */
  public static Lexicon build(
      Lexicon dictionary,
      Collection<String> vocabulary,
      boolean allPronunciations,
      boolean nonSpeech) {
    Lexicon lex = vocabulary.isEmpty() ? dictionary : dictionary.restrictTo(vocabulary);
    if (!allPronunciations) {
      lex = lex.firstPronunciationOnly();
    }
    if (nonSpeech) {
      for (Map.Entry<String, String> e : NON_SPEECH.entrySet()) {
        if (!lex.contains(e.getKey())) {
          lex = lex.with(e.getKey(), List.of(e.getValue()));
        }
      }
    }
    return lex;
  }

  /** Words of Kaldi {@code text} lines (the first field, the utterance id, dropped when asked). */
  public static SortedSet<String> vocabulary(Collection<String> lines, boolean hasIds) {
    SortedSet<String> out = new TreeSet<>(KaldiOrder.IDS);
    for (String line : lines) {
      String[] f = line.strip().split("\\s+");
      for (int i = hasIds ? 1 : 0; i < f.length; i++) {
        if (!f[i].isEmpty()) {
          out.add(f[i].toUpperCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** Words of {@code vocabulary} the dictionary lacks (non-speech words never count). */
  public static List<String> missing(Lexicon dictionary, Collection<String> vocabulary) {
    List<String> out = new ArrayList<>();
    for (String w : vocabulary) {
      if (!dictionary.contains(w) && !NON_SPEECH.containsKey(w.toUpperCase(Locale.ROOT))) {
        out.add(w);
      }
    }
    return out;
  }
}
