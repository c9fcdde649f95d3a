package org.asrnas.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.AtomicFiles;

/** Low-level reading and atomic writing of Kaldi table files ({@code key value...} per line). */
public final class KaldiTables {
  private KaldiTables() {}

  /**
   * Reads the lines of a table file. Blank lines are kept out of the result but reported as errors
   * by the validator; this method only splits each line into key and rest.
   *
   * @throws AsrInputException if the file is not valid UTF-8
   */
  public static List<TableLine> readLines(Path file) throws IOException, AsrInputException {
    List<String> raw;
    try {
      raw = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw AsrInputException.inFile(
          file, "not valid UTF-8 text; convert it with iconv -t UTF-8 before using it");
    }
    List<TableLine> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String line = stripTrailingCr(raw.get(i));
      String trimmed = line.strip();
      int ws = indexOfWhitespace(trimmed);
      String key = ws < 0 ? trimmed : trimmed.substring(0, ws);
      String rest = ws < 0 ? "" : trimmed.substring(ws).strip();
      out.add(new TableLine(i + 1, key, rest));
    }
    return out;
  }

  /** Splits on runs of spaces and tabs (Kaldi's field separator). */
  public static String[] fields(String s) {
    String t = s.strip();
    return t.isEmpty() ? new String[0] : t.split("[ \t]+");
  }

  static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        return i;
      }
    }
    return -1;
  }

  private static String stripTrailingCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** Writes {@code key value} lines in map order to {@code file}, atomically (temp + rename). */
  public static void writeTable(Path file, Map<String, String> table) throws IOException {
    List<String> lines = new ArrayList<>(table.size());
    for (Map.Entry<String, String> e : table.entrySet()) {
      lines.add(e.getValue().isEmpty() ? e.getKey() : e.getKey() + " " + e.getValue());
    }
    writeLinesAtomically(file, lines);
  }

  /** Writes lines (each followed by '\n') atomically: see {@link AtomicFiles#writeLines}. */
  public static void writeLinesAtomically(Path file, List<String> lines) throws IOException {
    AtomicFiles.writeLines(file, lines);
  }
}
