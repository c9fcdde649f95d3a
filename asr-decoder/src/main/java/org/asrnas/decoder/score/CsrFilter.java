package org.asrnas.decoder.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text filter that SCTK's {@code hubscr.pl} runs on STM and CTM files before sclite: {@code
 * csrfilt.sh -dh -i stm|ctm GLM}. Per text (an STM transcript, or one CTM word): parentheses are
 * split off as tokens, the GLM's rules map word sequences (so {@code (uh)} becomes {@code
 * (%hesitation)} under {@code UH => %HESITATION}), hyphens between two letters become spaces
 * ({@code uh-huh} to {@code uh huh}; fragments {@code wor-}, {@code -ord} keep theirs), and a
 * parenthesis around several words is spread over each ({@code (a b)} to {@code (a) (b)}).
 *
 * <p>A CTM word that the filter turns into k words becomes k words of equal duration {@code d / k}
 * starting at {@code begin + i d / k}; csrfilt prints the times of every CTM line that has a
 * confidence, and of every split line, with three decimals ({@code %.3f}), which {@link
 * #threeDecimals} reproduces.
 */
final class CsrFilter {
  private static final Pattern HYPHEN = Pattern.compile("([^( ])-(?=[^) ])");
  private static final Pattern SPREAD = Pattern.compile("(\\(\\s+[^()\\s]+\\s+)([^()\\s]+)");

  private final TextFilter glm;
  private final boolean deleteHyphens;

  /**
   * @param glm word-sequence mappings (case already folded as the texts are), may be empty
   * @param deleteHyphens csrfilt's {@code -dh}
   */
  CsrFilter(Map<List<String>, List<String>> glm, boolean deleteHyphens) {
    this.glm = TextFilter.defaults().withCaseSensitive(true).withGlm(glm);
    this.deleteHyphens = deleteHyphens;
  }

  /** Filters one word sequence. */
  List<String> apply(List<String> words) {
    List<String> tokens = new ArrayList<>();
    for (String w : words) {
      String spaced = w.replace("(", "( ").replace(")", " )");
      for (String t : spaced.split(" ")) {
        if (!t.isEmpty()) {
          tokens.add(t);
        }
      }
    }
    List<String> mapped = glm.apply(tokens);
    String s = " " + String.join(" ", mapped) + " ";
    if (deleteHyphens) {
      s = HYPHEN.matcher(s).replaceAll("$1 ");
    }
    Matcher m = SPREAD.matcher(s);
    while (m.find()) {
      s = s.substring(0, m.start()) + m.group(1) + ") ( " + m.group(2) + s.substring(m.end());
      m = SPREAD.matcher(s);
    }
    s = s.replaceAll("\\(\\s+", "(").replaceAll("\\s+\\)", ")").strip();
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
  }

  /** Filters one CTM word; the result's words share its duration (see the class comment). */
  List<CtmWord> apply(CtmWord w) {
    List<String> out = apply(List.of(w.word()));
    if (out.size() == 1 && Double.isNaN(w.confidence())) {
      return List.of(out.get(0).equals(w.word()) ? w : withWord(w, out.get(0)));
    }
    List<CtmWord> split = new ArrayList<>(out.size());
    double dur = w.durationSeconds() / out.size();
    for (int i = 0; i < out.size(); i++) {
      split.add(
          new CtmWord(
              w.file(),
              w.channel(),
              threeDecimals(w.beginSeconds() + dur * i),
              threeDecimals(dur),
              out.get(i),
              w.confidence(),
              w.line()));
    }
    return split;
  }

  private static CtmWord withWord(CtmWord w, String word) {
    return new CtmWord(
        w.file(),
        w.channel(),
        w.beginSeconds(),
        w.durationSeconds(),
        word,
        w.confidence(),
        w.line());
  }

  /** C's {@code printf("%.3f")} and back: the exact binary value rounded, ties to even. */
  static double threeDecimals(double x) {
    return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
  }
}
