package org.asrnas.core.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Out-of-vocabulary statistics of a set of transcripts against a lexicon: token and type counts and
 * rates, and the most frequent OOV words.
 *
 * @param tokens running words
 * @param oovTokens running words not in the lexicon
 * @param types distinct words
 * @param oovTypes distinct words not in the lexicon
 * @param topOov the most frequent OOV words with their counts, most frequent first
 */
public record OovReport(
    long tokens, long oovTokens, int types, int oovTypes, List<Map.Entry<String, Long>> topOov) {

  /** Counts OOVs of whitespace-separated transcripts; {@code ignore} words are never OOV. */
  public static OovReport of(
      Collection<String> transcripts, Lexicon lexicon, Collection<String> ignore) {
    Map<String, Long> counts = new HashMap<>();
    for (String t : transcripts) {
      for (String w : t.strip().split("\\s+")) {
        if (!w.isEmpty()) {
          counts.merge(w.toUpperCase(Locale.ROOT), 1L, Long::sum);
        }
      }
    }
    long tokens = 0;
    long oovTokens = 0;
    int oovTypes = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      tokens += e.getValue();
      if (!lexicon.contains(e.getKey()) && !ignore.contains(e.getKey())) {
        oovTokens += e.getValue();
        oovTypes++;
      }
    }
    List<Map.Entry<String, Long>> top =
        counts.entrySet().stream()
            .filter(e -> !lexicon.contains(e.getKey()) && !ignore.contains(e.getKey()))
            .sorted(
                Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                    .reversed()
                    .thenComparing(Map.Entry::getKey))
            .limit(20)
            .map(e -> Map.entry(e.getKey(), e.getValue()))
            .toList();
    return new OovReport(tokens, oovTokens, counts.size(), oovTypes, top);
  }

  /** OOV rate of running words, in percent. */
  public double tokenRatePercent() {
    return tokens == 0 ? 0 : 100.0 * oovTokens / tokens;
  }

  /** OOV rate of distinct words, in percent. */
  public double typeRatePercent() {
    return types == 0 ? 0 : 100.0 * oovTypes / types;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "OOV tokens: %d of %d (%.2f%%), OOV types: %d of %d (%.2f%%)",
            oovTokens,
            tokens,
            tokenRatePercent(),
            oovTypes,
            types,
            typeRatePercent()));
    if (!topOov.isEmpty()) {
      sb.append("\nmost frequent OOV words:");
      topOov.forEach(
          e -> sb.append(' ').append(e.getKey()).append('(').append(e.getValue()).append(')'));
    }
    return sb.toString();
  }
}
