package org.asrnas.core.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.KaldiTables;

/**
 * A pronunciation lexicon: words (upper case) to one or more pronunciations, each a list of phones.
 * Reads the CMU dictionary format ({@code WORD PH1 PH2}, alternates as {@code WORD(2)}, comment
 * lines starting with {@code ;;;} or {@code #}, trailing {@code # comment}) and Kaldi's {@code
 * lexicon.txt} (the same without alternates markers, a word repeated for each pronunciation).
 */
public final class Lexicon {
  private static final Pattern ALTERNATE = Pattern.compile("^(.+)\\((\\d+)\\)$");

  private final SortedMap<String, List<List<String>>> entries;

  private Lexicon(SortedMap<String, List<List<String>>> entries) {
    this.entries = entries;
  }

  /** Builds a lexicon from word → pronunciations (words are upper-cased). */
  public static Lexicon of(Map<String, List<List<String>>> entries) {
    SortedMap<String, List<List<String>>> m = new TreeMap<>(KaldiOrder.IDS);
    entries.forEach(
        (w, prons) -> {
          Checks.checkArgument(!prons.isEmpty(), "word %s has no pronunciation", w);
          List<List<String>> copy = new ArrayList<>();
          for (List<String> p : prons) {
            Checks.checkArgument(!p.isEmpty(), "word %s has an empty pronunciation", w);
            copy.add(List.copyOf(p));
          }
          m.merge(
              w.toUpperCase(Locale.ROOT),
              copy,
              (a, b) -> {
                List<List<String>> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
              });
        });
    return new Lexicon(m);
  }

  /**
   * Reads a CMUdict-format or Kaldi lexicon file.
   *
   * @throws AsrInputException for a line with a word but no phones
   */
  public static Lexicon read(Path file) throws IOException, AsrInputException {
    Map<String, List<List<String>>> m = new LinkedHashMap<>();
    List<String> lines = TextFiles.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (t.isEmpty() || t.startsWith(";;;") || t.startsWith("#")) {
        continue;
      }
      int hash = t.indexOf(" #");
      if (hash >= 0) {
        t = t.substring(0, hash).strip();
      }
      String[] f = KaldiTables.fields(t);
      if (f.length < 2) {
        throw AsrInputException.atLine(
            file, i + 1, "word '" + f[0] + "' has no phones; expected WORD PH1 PH2 ...");
      }
      String word = f[0];
      Matcher alt = ALTERNATE.matcher(word);
      if (alt.matches()) {
        word = alt.group(1);
      }
      List<String> phones = new ArrayList<>(f.length - 1);
      for (int j = 1; j < f.length; j++) {
        phones.add(f[j]);
      }
      m.computeIfAbsent(word.toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(phones);
    }
    return of(m);
  }

  /** Words in Kaldi order. */
  public SortedSet<String> words() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(entries.keySet()));
  }

  public boolean contains(String word) {
    return entries.containsKey(word.toUpperCase(Locale.ROOT));
  }

  /** All pronunciations of a word, in file order; empty when the word is unknown. */
  public List<List<String>> pronunciations(String word) {
    return entries.getOrDefault(word.toUpperCase(Locale.ROOT), List.of());
  }

  public int size() {
    return entries.size();
  }

  /** Phone set of all pronunciations, sorted. */
  public SortedSet<String> phones() {
    SortedSet<String> out = new TreeSet<>(KaldiOrder.IDS);
    entries.values().forEach(ps -> ps.forEach(out::addAll));
    return out;
  }

  /** Keeps only the first pronunciation of every word (the CMUdict default). */
  public Lexicon firstPronunciationOnly() {
    SortedMap<String, List<List<String>>> m = new TreeMap<>(KaldiOrder.IDS);
    entries.forEach((w, p) -> m.put(w, List.of(p.get(0))));
    return new Lexicon(m);
  }

  /** Removes stress digits from vowels ({@code AH0} → {@code AH}), merging identical variants. */
  public Lexicon withoutStress() {
    SortedMap<String, List<List<String>>> m = new TreeMap<>(KaldiOrder.IDS);
    entries.forEach(
        (w, prons) -> {
          List<List<String>> out = new ArrayList<>();
          for (List<String> p : prons) {
            List<String> q = p.stream().map(Lexicon::stripStress).toList();
            if (!out.contains(q)) {
              out.add(q);
            }
          }
          m.put(w, out);
        });
    return new Lexicon(m);
  }

  /** Restricts the lexicon to the given words (those it has). */
  public Lexicon restrictTo(java.util.Collection<String> words) {
    SortedMap<String, List<List<String>>> m = new TreeMap<>(KaldiOrder.IDS);
    for (String w : words) {
      List<List<String>> p = entries.get(w.toUpperCase(Locale.ROOT));
      if (p != null) {
        m.put(w.toUpperCase(Locale.ROOT), p);
      }
    }
    return new Lexicon(m);
  }

  /** Adds entries, e.g. {@code <NOISE> NSN}; existing words keep their pronunciations first. */
  public Lexicon with(String word, List<String> phones) {
    SortedMap<String, List<List<String>>> m = new TreeMap<>(entries);
    m.merge(
        word.toUpperCase(Locale.ROOT),
        List.of(List.copyOf(phones)),
        (a, b) -> {
          List<List<String>> all = new ArrayList<>(a);
          all.addAll(b);
          return all;
        });
    return new Lexicon(m);
  }

  static String stripStress(String phone) {
    int n = phone.length();
    return n > 1 && Character.isDigit(phone.charAt(n - 1)) ? phone.substring(0, n - 1) : phone;
  }

  /** Writes Kaldi's {@code lexicon.txt}: one {@code WORD PH1 PH2} line per pronunciation. */
  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    entries.forEach((w, prons) -> prons.forEach(p -> lines.add(w + " " + String.join(" ", p))));
    KaldiTables.writeLinesAtomically(file, lines);
  }
}
