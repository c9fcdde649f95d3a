package org.asrnas.decoder.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.KaldiTables;

/**
 * Reads and writes transcripts: Kaldi {@code text} ({@code utt-id w1 w2 ...}) and sclite {@code
 * trn} ({@code w1 w2 ... (utt-id)}).
 */
public final class Transcripts {
  private Transcripts() {}

  /** Input formats. */
  public enum Format {
    KALDI,
    TRN,
    /** TRN when the first non-blank line ends with {@code (id)}, else Kaldi. */
    AUTO
  }

  /** Reads transcripts in file order; ids must be unique. */
  public static Map<String, Transcript> read(Path file, Format format)
      throws IOException, AsrInputException {
    List<String> lines;
    lines = org.asrnas.core.text.TextFiles.readAllLines(file);
    Format f = format;
    if (f == Format.AUTO) {
      f = Format.KALDI;
      for (String l : lines) {
        if (!l.isBlank()) {
          f = l.strip().endsWith(")") && l.contains("(") ? Format.TRN : Format.KALDI;
          break;
        }
      }
    }
    Map<String, Transcript> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (t.isEmpty()) {
        continue;
      }
      String id;
      List<String> words;
      if (f == Format.TRN) {
        int open = t.lastIndexOf('(');
        if (!t.endsWith(")") || open < 0) {
          throw AsrInputException.atLine(
              file, i + 1, "expected 'words (utterance-id)' (trn), got '" + t + "'");
        }
        id = t.substring(open + 1, t.length() - 1).strip();
        words = Arrays.asList(KaldiTables.fields(t.substring(0, open)));
      } else {
        String[] w = KaldiTables.fields(t);
        id = w[0];
        words = Arrays.asList(w).subList(1, w.length);
      }
      if (id.isEmpty()) {
        throw AsrInputException.atLine(file, i + 1, "empty utterance id");
      }
      if (out.put(id, new Transcript(id, words)) != null) {
        throw AsrInputException.atLine(
            file, i + 1, "duplicate utterance id '" + id + "'; every id may appear once");
      }
    }
    return out;
  }

  /** Writes {@code trn} lines. */
  public static void writeTrn(Path file, Iterable<Transcript> ts) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Transcript t : ts) {
      lines.add(trnLine(t));
    }
    KaldiTables.writeLinesAtomically(file, lines);
  }

  public static String trnLine(Transcript t) {
    return (t.words().isEmpty() ? "" : String.join(" ", t.words()) + " ") + "(" + t.id() + ")";
  }

  /** Writes Kaldi {@code text} lines. */
  public static void writeKaldi(Path file, Iterable<Transcript> ts) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Transcript t : ts) {
      lines.add(t.words().isEmpty() ? t.id() : t.id() + " " + String.join(" ", t.words()));
    }
    KaldiTables.writeLinesAtomically(file, lines);
  }
}
