package org.asrnas.decoder.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.text.TextFiles;

/**
 * Reads NIST STM references and CTM hypotheses as SCTK's sclite does ({@code src/sclite/stm.c}
 * {@code parse_stm_line}, {@code fillmrks.c} {@code fill_mark_struct}; formats described in
 * sclite's {@code infmts.htm}).
 *
 * <p>STM: {@code file channel speaker begin end [<labels>] transcript}; lines starting with {@code
 * ;;} are comments; the sixth field is a label set when it starts with {@code <}; an empty
 * transcript is a segment without words. CTM: {@code file channel begin duration word
 * [confidence]}, comments starting with {@code ;}; a confidence of {@code NA} is no confidence.
 * Alternations ({@code { a / b }} in an STM, {@code <ALT_BEGIN>} in a CTM) are rejected: they are
 * not implemented.
 */
public final class TimedTranscripts {
  private TimedTranscripts() {}

  /** Reads an STM file, in file order. */
  public static List<StmSegment> readStm(Path file) throws IOException, AsrInputException {
    List<String> lines = TextFiles.readAllLines(file);
    List<StmSegment> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      int line = i + 1;
      if (t.isEmpty() || t.startsWith(";;")) {
        continue;
      }
      if (t.startsWith(";")) {
        throw AsrInputException.atLine(
            file, line, "STM comments start with ';;', not ';'; write ';;' or remove the line");
      }
      String[] f = KaldiTables.fields(t);
      if (f.length < 5) {
        throw AsrInputException.atLine(
            file,
            line,
            "expected 'file channel speaker begin end [<labels>] transcript' (STM), got '"
                + t
                + "'");
      }
      double begin = seconds(file, line, f[3], "begin");
      double end = seconds(file, line, f[4], "end");
      if (end < begin) {
        throw AsrInputException.atLine(
            file,
            line,
            "segment ends (" + f[4] + ") before it begins (" + f[3] + "); swap or fix the times");
      }
      int first = 5;
      String labels = "";
      if (f.length > 5 && f[5].startsWith("<")) {
        labels = f[5];
        first = 6;
      }
      List<String> words = Arrays.asList(f).subList(first, f.length);
      for (String w : words) {
        if (w.contains("{") || w.contains("}")) {
          throw AsrInputException.atLine(
              file,
              line,
              "alternations '{ a / b }' are not supported; keep one alternative in the STM");
        }
        if (w.equals("(") || w.equals(")")) {
          throw AsrInputException.atLine(
              file,
              line,
              "a lone parenthesis; write optionally deletable words as '(word)' without spaces");
        }
      }
      out.add(new StmSegment(f[0], f[1], f[2], begin, end, labels, words, line));
    }
    return out;
  }

  /** Reads a CTM file, in file order. */
  public static List<CtmWord> readCtm(Path file) throws IOException, AsrInputException {
    List<String> lines = TextFiles.readAllLines(file);
    List<CtmWord> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      int line = i + 1;
      if (t.isEmpty() || t.startsWith(";")) {
        continue;
      }
      String[] f = KaldiTables.fields(t);
      if (f.length < 5 || f.length > 6) {
        throw AsrInputException.atLine(
            file,
            line,
            "expected 'file channel begin duration word [confidence]' (CTM), got '" + t + "'");
      }
      double begin = seconds(file, line, f[2], "begin");
      double dur = seconds(file, line, f[3], "duration");
      if (dur < 0) {
        throw AsrInputException.atLine(
            file, line, "negative duration '" + f[3] + "'; a word lasts 0 s or more");
      }
      if (f[4].regionMatches(true, 0, "<ALT", 0, 4)) {
        throw AsrInputException.atLine(
            file, line, "CTM alternations (<ALT_BEGIN>) are not supported; keep one alternative");
      }
      double conf = Double.NaN;
      if (f.length == 6 && !f[5].equalsIgnoreCase("NA")) {
        try {
          conf = Double.parseDouble(f[5]);
        } catch (NumberFormatException e) {
          conf = Double.NaN;
        }
        if (!(conf >= 0 && conf <= 1)) {
          throw AsrInputException.atLine(
              file,
              line,
              "confidence '" + f[5] + "' is not a number in [0, 1] or NA; fix or drop the column");
        }
      }
      out.add(new CtmWord(f[0], f[1], begin, dur, f[4], conf, line));
    }
    return out;
  }

  private static double seconds(Path file, int line, String s, String what)
      throws AsrInputException {
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!Double.isFinite(v)) {
      throw AsrInputException.atLine(
          file, line, what + " time '" + s + "' is not a number of seconds such as 12.34");
    }
    return v;
  }
}
