package org.asrnas.core.text;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.asrnas.core.AsrInputException;

/**
 * Guards training data against a lexicon that does not fit {@code units.txt}: an utterance whose
 * pronunciation uses a unit missing from {@code units.txt} cannot be a CTC target and is skipped. A
 * few such utterances are noise; when they are more than {@link #MAX_SKIPPED_SHARE} of the data,
 * the lexicon and the units do not belong together (a unit renamed, another lang dir), and training
 * on the rest would silently lose most of the corpus, so it is an error with the counts and
 * examples.
 */
public final class UnitCoverage {
  /** The largest share of utterances that may be skipped for missing units (10%). */
  public static final double MAX_SKIPPED_SHARE = 0.10;

  private UnitCoverage() {}

  /**
   * Throws when more than {@code maxShare} of {@code total} utterances were skipped.
   *
   * @param file named in the error (units.txt when known)
   * @param total utterances that were looked at
   * @param missingUnitOf skipped utterance id to the first unit it lacks
   */
  public static void check(Path file, int total, Map<String, String> missingUnitOf, double maxShare)
      throws AsrInputException {
    int n = missingUnitOf.size();
    if (n == 0 || n <= maxShare * total) {
      return;
    }
    SortedMap<String, List<String>> byUnit = new TreeMap<>();
    missingUnitOf.forEach(
        (utt, unit) -> byUnit.computeIfAbsent(unit, k -> new java.util.ArrayList<>()).add(utt));
    String units =
        byUnit.entrySet().stream()
            .sorted((a, b) -> b.getValue().size() - a.getValue().size())
            .limit(5)
            .map(
                e ->
                    "'"
                        + e.getKey()
                        + "' ("
                        + e.getValue().size()
                        + " utterances, e.g. "
                        + String.join(", ", e.getValue().stream().sorted().limit(3).toList())
                        + ")")
            .collect(Collectors.joining(", "));
    throw AsrInputException.inFile(
        file,
        String.format(
            Locale.ROOT,
            "%d of %d utterances (%.1f%%) use units that are not in units.txt: %s%s; more than"
                + " %.0f%% lost means the lexicon and units.txt do not belong together: add the"
                + " units to units.txt (a new model) or fix the lexicon",
            n,
            total,
            100.0 * n / total,
            units,
            byUnit.size() > 5 ? " and " + (byUnit.size() - 5) + " more units" : "",
            100 * maxShare));
  }
}
