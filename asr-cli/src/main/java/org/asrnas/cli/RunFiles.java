package org.asrnas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers of the machine-readable files of a run that the report generators ({@code asr results},
 * {@code asr compare}, the targets table) share: {@code results.tsv}, {@code stage_times.tsv} and
 * the CSV logs ({@code epochs.csv}, {@code search.csv}).
 */
final class RunFiles {
  private RunFiles() {}

  /** The rows of a system's results.tsv (set, PER, WER, ...) below its header line. */
  static List<String[]> resultRows(Path resultsTsv) throws IOException {
    List<String> lines = Files.readAllLines(resultsTsv, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
      rows.add(l.split("\t", -1));
    }
    return rows;
  }

  /**
   * The last row of each stage of stage_times.tsv (stage, what, seconds, end time), in the order
   * the stages first appear: a re-run stage appends a row, and its last run counts.
   */
  static Map<String, String[]> lastStageRows(Path stageTimes) throws IOException {
    Map<String, String[]> last = new LinkedHashMap<>();
    for (String l : Files.readAllLines(stageTimes, StandardCharsets.UTF_8)) {
      String[] f = l.split("\t", -1);
      last.put(f[0], f);
    }
    return last;
  }

  /**
   * The stages with more than one row in stage_times.tsv, in the order they first appear. A resumed
   * run appends a row for every stage again (the ones found done take seconds), so when any stage
   * has several rows the rows do not add up to the wall time of one run.
   */
  static List<String> rerunStages(Path stageTimes) throws IOException {
    Map<String, Integer> runs = new LinkedHashMap<>();
    for (String l : Files.readAllLines(stageTimes, StandardCharsets.UTF_8)) {
      runs.merge(l.split("\t", -1)[0], 1, Integer::sum);
    }
    List<String> rerun = new ArrayList<>();
    runs.forEach(
        (stage, n) -> {
          if (n > 1) {
            rerun.add(stage);
          }
        });
    return rerun;
  }

  /**
   * A CSV log with a header line and unquoted fields, as the trainer and the search write them.
   *
   * @param header the column names
   * @param rows the data rows, in file order
   */
  record CsvLog(List<String> header, List<String[]> rows) {
    /** The log, or null when the file does not exist. */
    static CsvLog readIfExists(Path csv) throws IOException {
      if (!Files.exists(csv)) {
        return null;
      }
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
      List<String[]> rows = new ArrayList<>();
      for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
        rows.add(l.split(",", -1));
      }
      return new CsvLog(header, rows);
    }

    /** The field of {@code column} in the last row; null without rows or without the column. */
    String last(String column) {
      int c = header.indexOf(column);
      if (c < 0 || rows.isEmpty()) {
        return null;
      }
      String[] f = rows.get(rows.size() - 1);
      return c < f.length ? f[c] : null;
    }

    /** The sum of a numeric column (a short row counts 0); null without the column. */
    Double sum(String column) {
      int c = header.indexOf(column);
      if (c < 0) {
        return null;
      }
      double t = 0;
      for (String[] f : rows) {
        t += c < f.length ? SystemResults.number(f[c]) : 0;
      }
      return t;
    }
  }
}
