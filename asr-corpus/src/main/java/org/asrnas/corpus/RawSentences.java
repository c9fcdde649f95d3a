package org.asrnas.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Raw sentences from two Debian text packages: the quoted usage examples of WordNet ({@code
 * wordnet-base}, {@code /usr/share/wordnet/data.*}: the gloss after {@code |} holds examples in
 * double quotes) and the {@code fortune} databases ({@code /usr/share/games/fortunes}: entries
 * separated by lines holding only {@code %}). Nothing is filtered here beyond layout; {@link
 * SentenceFilter} decides what is clean.
 */
public final class RawSentences {
  /** Fortune files that are pictures, non-English or mostly crude, never read. */
  public static final Set<String> EXCLUDED_FORTUNE_FILES =
      Set.of("art", "ascii-art", "ethnic", "drugs", "men-women", "sex", "translate-me", "off");

  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern ATTRIBUTION = Pattern.compile("(?m)^\\s*(--|-- |\\t\\t).*$");

  /** Abbreviations whose full stop does not end a sentence. */
  private static final Pattern ABBREVIATION =
      Pattern.compile("\\b(Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|etc|Prof|Gen|Col|Lt|Sgt|Rev|Mt|No)\\.$");

  private RawSentences() {}

  /**
   * Quoted examples of every {@code data.*} file of a WordNet database directory, in file order.
   */
  public static List<String> wordnetExamples(Path dictDir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String pos : List.of("noun", "verb", "adj", "adv")) {
      Path f = dictDir.resolve("data." + pos);
      if (!Files.exists(f)) {
        continue;
      }
      for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
        // Lines of the licence header start with two spaces; synsets with an 8-digit offset.
        int bar = line.indexOf(" | ");
        if (line.startsWith("  ") || bar < 0) {
          continue;
        }
        Matcher m = QUOTED.matcher(line.substring(bar + 3));
        while (m.find()) {
          out.add(m.group(1).strip());
        }
      }
    }
    return out;
  }

  /**
   * Sentences of every fortune database in {@code dir} (files without {@code .dat}/{@code .u8}
   * suffix, minus {@code excludedFiles}), files in name order. Attribution lines ({@code -- name})
   * are dropped and each entry is cut into sentences.
   */
  public static List<String> fortunes(Path dir, Set<String> excludedFiles) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return !n.contains(".") && !excludedFiles.contains(n);
                  })
              .sorted()
              .toList();
    }
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      String all = Files.readString(f, StandardCharsets.ISO_8859_1);
      for (String entry : all.split("(?m)^%\\s*$")) {
        String body = ATTRIBUTION.matcher(entry).replaceAll(" ");
        out.addAll(splitSentences(body.replaceAll("\\s+", " ").strip()));
      }
    }
    return out;
  }

  /** Cuts text after {@code . ! ?} (and closing quotes) followed by a space, not after titles. */
  static List<String> splitSentences(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String[] tokens = text.split(" ");
    for (String t : tokens) {
      if (t.isEmpty()) {
        continue;
      }
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(t);
      String bare = t.replaceAll("[\"')\\]]+$", "");
      boolean end =
          (bare.endsWith(".") || bare.endsWith("!") || bare.endsWith("?"))
              && !ABBREVIATION.matcher(bare).find()
              && !bare.matches("([A-Za-z]\\.)+");
      if (end) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
