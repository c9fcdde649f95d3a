package org.asrnas.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.asrnas.core.Checks;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.TextNormalizer;

/**
 * Decides whether a raw sentence is clean enough to be read by a synthesiser and transcribed
 * without ambiguity: only letters and simple punctuation (digits, symbols and abbreviations would
 * be verbalised differently by each engine than written), no all-capital words (engines spell
 * acronyms), no single letters but A and I, every word in the lexicon, no blocklisted word, and a
 * length in range. The transcript is {@link TextNormalizer.Style#PLAIN}.
 *
 * @param lexicon words allowed (the CMU dictionary)
 * @param blocklist crude words (upper case); a sentence holding one is dropped
 * @param minWords fewest words
 * @param maxWords most words
 */
public record SentenceFilter(Lexicon lexicon, Set<String> blocklist, int minWords, int maxWords) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z ,.;:!?'\"()-]+");
  private static final Pattern ABBREVIATION =
      Pattern.compile("\\b(Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|etc|Prof|Gen|Col|Lt|Sgt|Rev|Mt|No)\\.");
  private static final TextNormalizer NORMALIZER = new TextNormalizer(TextNormalizer.Style.PLAIN);

  public SentenceFilter {
    Checks.checkNotNull(lexicon, "lexicon");
    blocklist = Set.copyOf(blocklist);
    Checks.checkPositive(minWords, "minWords");
    Checks.checkArgument(maxWords >= minWords, "maxWords %s < minWords %s", maxWords, minWords);
  }

  /** The default filter: 3 to 30 words, the built-in blocklist. */
  public static SentenceFilter defaults(Lexicon lexicon) {
    return new SentenceFilter(lexicon, defaultBlocklist(), 3, 30);
  }

  /** Accepts a raw sentence and returns it cleaned, or empty when it is rejected. */
  public Optional<Sentence> accept(String raw) {
    String s = raw.replaceAll("\\s+", " ").strip();
    if (s.isEmpty() || !ALLOWED.matcher(s).matches() || ABBREVIATION.matcher(s).find()) {
      return Optional.empty();
    }
    if (s.contains("--") || s.contains("''")) {
      return Optional.empty();
    }
    for (String token : s.split(" ")) {
      String letters = token.replaceAll("[^A-Za-z]", "");
      if (letters.length() >= 2 && letters.equals(letters.toUpperCase(Locale.ROOT))) {
        return Optional.empty();
      }
      if (letters.length() == 1
          && !letters.equals("a")
          && !letters.equals("A")
          && !letters.equals("I")) {
        return Optional.empty();
      }
    }
    List<String> words = NORMALIZER.words(s);
    if (words.size() < minWords || words.size() > maxWords) {
      return Optional.empty();
    }
    for (String w : words) {
      if (blocklist.contains(w) || !lexicon.contains(w)) {
        return Optional.empty();
      }
    }
    String spoken = s.replace("\"", "").replaceAll("\\s+", " ").strip();
    // WordNet examples have no final stop; without one, joined sentences run together in speech.
    if (!spoken.matches(".*[.!?]\\)?$")) {
      spoken = spoken + ".";
    }
    return Optional.of(new Sentence(spoken, words));
  }

  /** The built-in list of crude words ({@code blocklist.txt} beside this class). */
  public static Set<String> defaultBlocklist() {
    Set<String> out = new HashSet<>();
    try (InputStream in = SentenceFilter.class.getResourceAsStream("blocklist.txt")) {
      Checks.checkArgument(in != null, "blocklist.txt missing from the class path");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t.toUpperCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }
}
