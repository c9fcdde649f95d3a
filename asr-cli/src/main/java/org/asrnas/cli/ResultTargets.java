package org.asrnas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.AsrInputException;

/**
 * The "against the targets" table of a recipe's RESULTS.md: each target of the recipe's {@code
 * conf/targets.tsv} with the measured value and whether it is met, computed from the same files as
 * the rest of the report, so that no verdict is typed in by hand.
 *
 * <p>targets.tsv: one target per line, tab-separated {@code metric set op value label}; {@code #}
 * starts a comment. Metrics: {@code per} and {@code wer} (results.tsv of the set), {@code ps_ratio}
 * (pocketsphinx's WER on the set over ours), {@code pi_nodes} (nodes whose largest π is at least
 * 0.4 after the last search epoch, search.csv), {@code wall_s} (sum of the stages' wall clock,
 * stage_times.tsv; not measured when a stage ran more than once, since then no row sum is the wall
 * time of one run); {@code set} is {@code -} where there is none; {@code op} is {@code <=} or
 * {@code >=}.
 */
final class ResultTargets {
  private ResultTargets() {}

  /** One row of the table: what was measured (empty when it could not be) and whether it met. */
  record Row(String label, String measured, Boolean met) {}

  /** The rows for the targets in {@code file}. */
  static List<Row> evaluate(Path file, Path sys, Path out, List<String[]> results)
      throws IOException, AsrInputException {
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\t");
      if (f.length != 5 || !(f[2].equals("<=") || f[2].equals(">="))) {
        throw AsrInputException.atLine(
            file, i + 1, "expected 5 tab-separated fields: metric set <=|>= value label");
      }
      if (f[0].equals("wall_s")) {
        String why = wallNotMeasured(out.resolve("stage_times.tsv"));
        if (why != null) {
          rows.add(new Row(f[4], "not measured: " + why, null));
          continue;
        }
      }
      Double v = measure(f[0], f[1], sys, out, results, file, i + 1);
      double goal = SystemResults.number(f[3]);
      Boolean met = v == null ? null : f[2].equals("<=") ? v <= goal : v >= goal;
      rows.add(new Row(f[4], v == null ? "" : format(f[0], v), met));
    }
    return rows;
  }

  private static Double measure(
      String metric, String set, Path sys, Path out, List<String[]> results, Path file, int line)
      throws IOException, AsrInputException {
    switch (metric) {
      case "per":
      case "wer":
        {
          String[] r = row(results, set);
          int c = metric.equals("per") ? 1 : 2;
          return r == null || r.length <= c || r[c].isEmpty() ? null : SystemResults.number(r[c]);
        }
      case "ps_ratio":
        {
          String[] r = row(results, set);
          String ps = SystemResults.pocketsphinxWer(out, set);
          if (r == null || r.length < 3 || ps == null || ps.isEmpty()) {
            return null;
          }
          double ours = SystemResults.number(r[2]);
          return ours > 0 ? SystemResults.number(ps) / ours : null;
        }
      case "pi_nodes":
        return piNodes(sys.resolve("search.csv"));
      case "wall_s":
        return wallSeconds(out.resolve("stage_times.tsv"));
      default:
        throw AsrInputException.atLine(
            file, line, "unknown metric " + metric + " (per, wer, ps_ratio, pi_nodes, wall_s)");
    }
  }

  private static String[] row(List<String[]> results, String set) {
    for (String[] r : results) {
      if (r.length > 0 && r[0].equals(set)) {
        return r;
      }
    }
    return null;
  }

  /** Nodes whose largest π is at least 0.4 in the last row of search.csv. */
  static Double piNodes(Path csv) throws IOException {
    RunFiles.CsvLog log = RunFiles.CsvLog.readIfExists(csv);
    String piMax = log == null ? null : log.last("pi_max");
    if (piMax == null) {
      return null;
    }
    int n = 0;
    for (String p : piMax.trim().split("\\s+")) {
      if (!p.isEmpty() && SystemResults.number(p) >= 0.4) {
        n++;
      }
    }
    return (double) n;
  }

  /** Why stage_times.tsv gives no wall time of one run, or null when it does (or is absent). */
  private static String wallNotMeasured(Path times) throws IOException {
    if (!Files.exists(times)) {
      return null;
    }
    List<String> rerun = RunFiles.rerunStages(times);
    return rerun.isEmpty()
        ? null
        : "stage"
            + (rerun.size() > 1 ? "s " : " ")
            + String.join(", ", rerun)
            + " ran more than once (a resumed or re-run pipeline)";
  }

  /** Sum over stages of the last recorded wall clock of each. */
  static Double wallSeconds(Path times) throws IOException {
    if (!Files.exists(times)) {
      return null;
    }
    double total = 0;
    for (String[] f : RunFiles.lastStageRows(times).values()) {
      total += f.length > 2 ? SystemResults.number(f[2]) : 0;
    }
    return total;
  }

  private static String format(String metric, double v) {
    return switch (metric) {
      case "per", "wer" -> SystemResults.round(v, 2) + "%";
      case "ps_ratio" -> SystemResults.round(v, 1) + "×";
      case "pi_nodes" -> SystemResults.round(v, 0) + " nodes";
      default -> {
        long s = Math.round(v);
        yield s / 60 + " min " + s % 60 + " s";
      }
    };
  }

  /** The markdown section; empty without targets. */
  static String section(List<Row> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Against the targets\n\n");
    md.append(
        "From conf/targets.tsv, measured in this run's files (nothing typed in by hand).\n\n");
    md.append("| target | measured | met |\n|---|---|---|\n");
    for (Row r : rows) {
      md.append("| ").append(r.label()).append(" | ");
      md.append(r.measured().isEmpty() ? "not measured" : r.measured()).append(" | ");
      md.append(r.met() == null ? "–" : r.met() ? "yes" : "no").append(" |\n");
    }
    return md.toString();
  }
}
