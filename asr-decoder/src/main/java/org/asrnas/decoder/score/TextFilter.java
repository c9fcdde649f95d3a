package org.asrnas.decoder.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.KaldiTables;

/**
 * Normalisation applied to reference and hypothesis alike before alignment, in this order: case
 * folding (sclite folds by default; {@code -s} keeps case), GLM mappings, Switchboard filtering,
 * hyphen splitting, and splitting into characters for CER (sclite {@code -c}).
 *
 * <p>Switchboard filtering drops what Kaldi's {@code egs/swbd/s5c/local/score_sclite.sh} removes
 * before sclite: noise tokens ({@code [noise]}, {@code [laughter]}, {@code [vocalized-noise]}, any
 * {@code [...]} or {@code <...>} token such as {@code <unk>} or {@code <NOISE>}), the fillers
 * {@code uh um eh mm hm ah huh ha er oof hee ach eee ew}, and partial words ({@code -} at the start
 * or end).
 *
 * @param caseSensitive compare words with their case (sclite {@code -s})
 * @param splitHyphens split {@code a-b} into {@code a b} (after partial words are handled)
 * @param switchboard drop fillers, noise tokens and partial words
 * @param glm word-sequence mappings ({@code FROM => TO}), applied left to right, longest first
 * @param characters score characters instead of words (CER)
 */
public record TextFilter(
    boolean caseSensitive,
    boolean splitHyphens,
    boolean switchboard,
    Map<List<String>, List<String>> glm,
    boolean characters) {
  public TextFilter {
    glm = Map.copyOf(glm);
  }

  /** Kaldi's Switchboard fillers (score_sclite.sh). */
  public static final Set<String> FILLERS =
      Set.of(
          "uh", "um", "eh", "mm", "hm", "ah", "huh", "ha", "er", "oof", "hee", "ach", "eee", "ew");

  /** sclite's defaults: case folded, nothing else. */
  public static TextFilter defaults() {
    return new TextFilter(false, false, false, Map.of(), false);
  }

  public TextFilter withCaseSensitive(boolean v) {
    return new TextFilter(v, splitHyphens, switchboard, glm, characters);
  }

  public TextFilter withSplitHyphens(boolean v) {
    return new TextFilter(caseSensitive, v, switchboard, glm, characters);
  }

  public TextFilter withSwitchboard(boolean v) {
    return new TextFilter(caseSensitive, splitHyphens, v, glm, characters);
  }

  public TextFilter withGlm(Map<List<String>, List<String>> v) {
    return new TextFilter(caseSensitive, splitHyphens, switchboard, v, characters);
  }

  public TextFilter withCharacters(boolean v) {
    return new TextFilter(caseSensitive, splitHyphens, switchboard, glm, v);
  }

  /** Applies the filter to one word sequence. */
  public List<String> apply(List<String> words) {
    List<String> w = new ArrayList<>(words.size());
    for (String x : words) {
      w.add(caseSensitive ? x : x.toLowerCase(Locale.ROOT));
    }
    if (!glm.isEmpty()) {
      w = mapGlm(w);
    }
    if (switchboard) {
      List<String> kept = new ArrayList<>(w.size());
      for (String x : w) {
        if (!isSwitchboardNoise(x)) {
          kept.add(x);
        }
      }
      w = kept;
    }
    if (splitHyphens) {
      List<String> split = new ArrayList<>(w.size());
      for (String x : w) {
        for (String p : x.split("-")) {
          if (!p.isEmpty()) {
            split.add(p);
          }
        }
      }
      w = split;
    }
    if (characters) {
      List<String> chars = new ArrayList<>();
      for (String x : w) {
        x.codePoints().forEach(c -> chars.add(Character.toString(c)));
      }
      w = chars;
    }
    return w;
  }

  static boolean isSwitchboardNoise(String w) {
    String l = w.toLowerCase(Locale.ROOT);
    return FILLERS.contains(l)
        || (l.startsWith("[") && l.endsWith("]"))
        || (l.startsWith("<") && l.endsWith(">"))
        || l.startsWith("-")
        || l.endsWith("-");
  }

  private List<String> mapGlm(List<String> w) {
    int longest = 0;
    for (List<String> k : glm.keySet()) {
      longest = Math.max(longest, k.size());
    }
    List<String> out = new ArrayList<>(w.size());
    int i = 0;
    outer:
    while (i < w.size()) {
      for (int n = Math.min(longest, w.size() - i); n >= 1; n--) {
        List<String> to = glm.get(w.subList(i, i + n));
        if (to != null) {
          out.addAll(to);
          i += n;
          continue outer;
        }
      }
      out.add(w.get(i++));
    }
    return out;
  }

  /**
   * Reads the unconditional rules of a GLM file ({@code FROM => TO} or {@code FROM => TO / [ ] __ [
   * ]}, either side optionally in brackets, {@code [CAN'T] => [CAN NOT]}, a trailing {@code ;;}
   * comment allowed); header ({@code *}) and comment ({@code ;}) lines are skipped. Words are
   * case-folded unless {@code caseSensitive}. Every rule is applied to whole words: SCTK's {@code
   * rfilter1} does so for rules with the {@code [ ] __ [ ]} context, but replaces substrings for
   * rules without one.
   *
   * @throws AsrInputException for a rule with a context or alternatives, which this reader does not
   *     implement (NIST's csrfilt.sh does)
   */
  public static Map<List<String>, List<String>> readGlm(Path file, boolean caseSensitive)
      throws IOException, AsrInputException {
    return readGlm(file, caseSensitive, null, null);
  }

  private static final java.util.regex.Pattern APPLICATION =
      java.util.regex.Pattern.compile(";;\\s+INPUT_DEPENDENT_APPLICATION\\s*=\\s*\"([^\"]*)\"");

  /**
   * Reads the rules of a GLM file that {@code csrfilt.sh -i INPUT -t PURPOSE} applies: a line
   * {@code ;; INPUT_DEPENDENT_APPLICATION = "REGEX"} makes the rules after it (up to the next such
   * line) apply only when the regular expression matches the input type ({@code stm}, {@code ctm},
   * {@code trn}) or the purpose ({@code ref}, {@code hyp}); SCTK's HUB5 GLMs apply their last
   * section to CTM hypotheses only. Otherwise as {@link #readGlm(Path, boolean)}.
   *
   * @param inputType the input type, or null for every rule of the file
   * @param purpose {@code ref} or {@code hyp}, or null
   */
  public static Map<List<String>, List<String>> readGlm(
      Path file, boolean caseSensitive, String inputType, String purpose)
      throws IOException, AsrInputException {
    Map<List<String>, List<String>> out = new LinkedHashMap<>();
    List<String> lines = org.asrnas.core.text.TextFiles.readAllLines(file);
    boolean applies = true;
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      java.util.regex.Matcher app = APPLICATION.matcher(t);
      if (inputType != null && app.lookingAt()) {
        java.util.regex.Pattern p =
            java.util.regex.Pattern.compile(app.group(1).toLowerCase(Locale.ROOT));
        applies =
            p.matcher(inputType.toLowerCase(Locale.ROOT)).find()
                || (purpose != null && p.matcher(purpose.toLowerCase(Locale.ROOT)).find());
        continue;
      }
      if (t.isEmpty() || t.startsWith(";") || t.startsWith("*") || !applies) {
        continue;
      }
      // a rule may end with a comment: "UH-HUH => %BCACK / [ ] __ [ ] ;; affirmative token"
      int comment = t.indexOf(";;");
      if (comment >= 0) {
        t = t.substring(0, comment).strip();
      }
      int arrow = t.indexOf("=>");
      if (arrow < 0) {
        throw AsrInputException.atLine(file, i + 1, "expected 'FROM => TO', got '" + t + "'");
      }
      String from = t.substring(0, arrow);
      String to = t.substring(arrow + 2);
      int slash = to.indexOf(" / ");
      if (slash >= 0) {
        String ctx = to.substring(slash + 3).replaceAll("\\s+", "");
        if (!ctx.equals("[]__[]")) {
          throw AsrInputException.atLine(
              file, i + 1, "context-dependent GLM rules are not supported; remove or rewrite it");
        }
        to = to.substring(0, slash);
      }
      if (from.contains("{") || to.contains("{")) {
        throw AsrInputException.atLine(
            file, i + 1, "GLM alternatives { a / b } are not supported; use one FROM => TO rule");
      }
      List<String> f =
          fold(KaldiTables.fields(from.replace("[", " ").replace("]", " ")), caseSensitive);
      List<String> o =
          fold(KaldiTables.fields(to.replace("[", " ").replace("]", " ")), caseSensitive);
      if (f.isEmpty()) {
        throw AsrInputException.atLine(file, i + 1, "empty left side");
      }
      out.put(f, o);
    }
    return out;
  }

  private static List<String> fold(String[] w, boolean caseSensitive) {
    return Arrays.stream(w).map(x -> caseSensitive ? x : x.toLowerCase(Locale.ROOT)).toList();
  }
}
