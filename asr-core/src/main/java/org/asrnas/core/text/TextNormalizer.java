package org.asrnas.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises transcripts to the form lexicons and scoring expect. Two styles:
 *
 * <ul>
 *   <li>{@link Style#PLAIN}: upper case, punctuation removed except word-internal apostrophes and
 *       hyphens, whitespace collapsed. For sentences from books and TTS corpora.
 *   <li>{@link Style#WSJ}: Kaldi's {@code wsj/s5/local/normalize_transcript.pl}: noise markers
 *       {@code [loud_breath]} become the noise word, {@code [<door]}, {@code [door>]}, {@code
 *       [door/]}, {@code [/door]} (noises at a boundary), {@code ~} and {@code .} are dropped,
 *       {@code <word>} (inserted word) becomes {@code word}, {@code *word*} (mispronounced) becomes
 *       {@code word}, {@code :word} (lengthened) and {@code !word} (emphasis) lose the mark; verbal
 *       punctuation such as {@code ,COMMA} is kept; everything upper case.
 * </ul>
 */
public final class TextNormalizer {
  /** The normalisation style. */
  public enum Style {
    PLAIN,
    WSJ
  }

  /** The word that stands for a noise marker (CAT/EESEN use {@code <NOISE>}). */
  public static final String NOISE_WORD = "<NOISE>";

  private static final Pattern BOUNDARY_NOISE =
      Pattern.compile("^\\[<[\\w']+\\]$|^\\[[\\w']+>\\]$|^\\[[\\w']+/\\]$|^\\[/[\\w']+\\]$");
  private static final Pattern NOISE = Pattern.compile("^\\[[\\w'/<>-]+\\]$");
  private static final Pattern INSERTED = Pattern.compile("^<([\\w'.-]+)>$");
  private static final Pattern MISPRONOUNCED = Pattern.compile("^\\*([\\w'.-]+)\\*$");

  private final Style style;
  private final String noiseWord;

  public TextNormalizer(Style style) {
    this(style, NOISE_WORD);
  }

  public TextNormalizer(Style style, String noiseWord) {
    this.style = style;
    this.noiseWord = noiseWord;
  }

  /** Normalises one transcript to upper-case words separated by single spaces. */
  public String normalize(String text) {
    return String.join(" ", words(text));
  }

  /** Normalises one transcript and returns its words. */
  public List<String> words(String text) {
    return style == Style.WSJ ? wsj(text) : plain(text);
  }

  private static List<String> plain(String text) {
    List<String> out = new ArrayList<>();
    for (String token : text.strip().split("\\s+")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        boolean inner =
            i > 0
                && i < token.length() - 1
                && Character.isLetterOrDigit(token.charAt(i - 1))
                && Character.isLetterOrDigit(token.charAt(i + 1));
        if (Character.isLetterOrDigit(c)) {
          sb.append(c);
        } else if ((c == '\'' || c == '-') && inner) {
          sb.append(c);
        } else if (c == '-' || c == '/') {
          // A dash or slash between words separates them.
          if (sb.length() > 0) {
            out.add(sb.toString().toUpperCase(Locale.ROOT));
            sb.setLength(0);
          }
        }
      }
      if (sb.length() > 0) {
        out.add(sb.toString().toUpperCase(Locale.ROOT));
      }
    }
    return out;
  }

  private List<String> wsj(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.strip().split("\\s+")) {
      if (w.isEmpty() || w.equals("~") || w.equals(".")) {
        continue;
      }
      if (BOUNDARY_NOISE.matcher(w).matches()) {
        continue;
      }
      if (NOISE.matcher(w).matches()) {
        out.add(noiseWord);
        continue;
      }
      var ins = INSERTED.matcher(w);
      if (ins.matches()) {
        w = ins.group(1);
      }
      var mis = MISPRONOUNCED.matcher(w);
      if (mis.matches()) {
        w = mis.group(1);
      }
      if (w.startsWith(":") || w.startsWith("!")) {
        w = w.substring(1);
      }
      if (!w.isEmpty()) {
        out.add(w.toUpperCase(Locale.ROOT));
      }
    }
    return out;
  }
}
