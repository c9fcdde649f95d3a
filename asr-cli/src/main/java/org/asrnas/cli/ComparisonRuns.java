package org.asrnas.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asrnas.cli.SystemResults.GnuTime;

/**
 * The finished runs of a comparison (one dir {@code EXP/SYSTEM-sSEED} per system and seed, as
 * recipes/common/compare.sh makes them), read from their machine-readable files: results.tsv,
 * params.tsv (or the training log of older runs), the GNU time files, search.csv, epochs.csv and
 * derived.txt/json; and their long-format table compare.tsv.
 */
final class ComparisonRuns {
  private ComparisonRuns() {}

  /** Metrics of a run besides the error rates, in table order. */
  static final List<String> COST_METRICS =
      List.of("params_M", "search_s", "search_stage_s", "search_peak_MiB", "train_s");

  /**
   * One finished run.
   *
   * @param metrics metric name to value; a metric the run has no file for is absent
   * @param architecture first line of derived.txt and the ops of derived.json, or empty
   * @param lastEpoch held-out greedy PER after the last training epoch and the epoch, or empty
   */
  record Run(
      String system,
      String seed,
      Map<String, Double> metrics,
      String architecture,
      String lastEpoch) {}

  /**
   * Every finished run (a results.tsv) of the systems and seeds, and the unfinished ones. A system
   * written {@code NAME:N} runs on the first N seeds only (as recipes/common/compare.sh plans it);
   * its other seeds are neither read nor missing.
   */
  static List<Run> collect(Path exp, List<String> systems, List<String> seeds, List<String> missing)
      throws IOException {
    List<Run> runs = new ArrayList<>();
    for (String spec : systems) {
      String sys = name(spec);
      int n = spec.contains(":") ? Integer.parseInt(spec.substring(spec.indexOf(':') + 1)) : -1;
      for (String seed : n < 0 ? seeds : seeds.subList(0, Math.min(n, seeds.size()))) {
        Path d = exp.resolve(sys + "-s" + seed);
        if (!Files.exists(d.resolve("results.tsv"))) {
          missing.add(sys + " seed " + seed);
          continue;
        }
        runs.add(read(sys, seed, d));
      }
    }
    return runs;
  }

  /**
   * search_s and search_peak_MiB from the GNU time file of {@code asr nas run}; a search that took
   * its warm-up from a shared dir ({@code warmup_from} in run.json) is charged that warm-up's wall
   * clock (its {@code warmup_time.txt}) and peak memory too, so that every strategy's search cost
   * includes one warm-up whether it was shared or not.
   */
  private static void searchCost(Path d, Map<String, Double> m) throws IOException {
    GnuTime search = GnuTime.read(d.resolve("search_time.txt"));
    if (search == null) {
      return;
    }
    double wall = search.wallSeconds();
    double peak = search.peakKib();
    Path runJson = d.resolve("run.json");
    if (Files.exists(runJson)) {
      JsonObject o = JsonParser.parseString(Files.readString(runJson)).getAsJsonObject();
      if (o.has("warmup_from")) {
        GnuTime w =
            GnuTime.read(Path.of(o.get("warmup_from").getAsString()).resolve("warmup_time.txt"));
        if (w != null && w.wallSeconds() >= 0 && wall >= 0) {
          wall += w.wallSeconds();
          peak = Math.max(peak, w.peakKib());
        }
      }
    }
    if (wall >= 0) {
      m.put("search_s", wall);
    }
    if (peak >= 0) {
      m.put("search_peak_MiB", peak / 1024.0);
    }
  }

  /** The system name of a {@code NAME} or {@code NAME:N} entry. */
  static String name(String spec) {
    int i = spec.indexOf(':');
    return i < 0 ? spec : spec.substring(0, i);
  }

  private static Run read(String sys, String seed, Path d) throws IOException {
    Map<String, Double> m = new LinkedHashMap<>();
    boolean trained = Files.exists(d.resolve("final.model"));
    Path trainDir = trained ? d : d.resolve("retrain");
    Double params = paramsMillions(trainDir, d.resolve(trained ? "train.log" : "retrain.log"));
    if (params != null) {
      m.put("params_M", params);
    }
    if (!trained) {
      searchCost(d, m);
      RunFiles.CsvLog search = RunFiles.CsvLog.readIfExists(d.resolve("search.csv"));
      Double stage = search == null ? null : search.sum("seconds");
      if (stage != null) {
        m.put("search_stage_s", stage);
      }
    }
    GnuTime train = GnuTime.read(d.resolve(trained ? "train_time.txt" : "retrain_time.txt"));
    if (train != null && train.wallSeconds() >= 0) {
      m.put("train_s", train.wallSeconds());
    }
    for (String[] f : RunFiles.resultRows(d.resolve("results.tsv"))) {
      if (f.length >= 3 && !f[1].isEmpty()) {
        m.put("PER " + f[0], SystemResults.number(f[1]));
      }
      if (f.length >= 3 && !f[2].isEmpty()) {
        m.put("WER " + f[0], SystemResults.number(f[2]));
      }
    }
    Path epochs = d.resolve("epochs.csv");
    if (!Files.exists(epochs)) {
      epochs = d.resolve("retrain/epochs.csv");
    }
    return new Run(sys, seed, m, architecture(d), lastEpoch(epochs));
  }

  private static final Pattern TOTAL_PARAMS = Pattern.compile("total params ([0-9,]+)");
  private static final Pattern OP = Pattern.compile("\"op\"\\s*:\\s*\"([^\"]*)\"");

  /**
   * Parameters in millions: the total row of the trainer's params.tsv; for runs made before it, the
   * last "total params N" line of the training log.
   */
  static Double paramsMillions(Path trainDir, Path log) throws IOException {
    Path tsv = trainDir.resolve("params.tsv");
    if (Files.exists(tsv)) {
      for (String l : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
        String[] f = l.split("\t", -1);
        if (f[0].equals("total") && f.length >= 3) {
          return SystemResults.number(f[2]) / 1e6;
        }
      }
      return null;
    }
    Double v = null;
    if (Files.exists(log)) {
      for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        Matcher mt = TOTAL_PARAMS.matcher(l);
        if (mt.find()) {
          v = Double.parseDouble(mt.group(1).replace(",", "")) / 1e6;
        }
      }
    }
    return v;
  }

  private static String lastEpoch(Path csv) throws IOException {
    RunFiles.CsvLog log = RunFiles.CsvLog.readIfExists(csv);
    String per = log == null ? null : log.last("heldout_per");
    if (per == null) {
      return "";
    }
    String epoch = log.rows().get(log.rows().size() - 1)[0];
    return SystemResults.round(SystemResults.number(per), 1) + "% after " + epoch + " epochs";
  }

  private static String architecture(Path d) throws IOException {
    Path txt = d.resolve("derived.txt");
    if (!Files.exists(txt)) {
      return "";
    }
    List<String> l = Files.readAllLines(txt, StandardCharsets.UTF_8);
    StringBuilder s = new StringBuilder(l.isEmpty() ? "" : l.get(0));
    Path json = d.resolve("derived.json");
    if (Files.exists(json)) {
      Matcher mt = OP.matcher(Files.readString(json, StandardCharsets.UTF_8));
      s.append("\n  ops:");
      while (mt.find()) {
        s.append(' ').append(mt.group(1));
      }
    }
    return s.toString();
  }

  /** The long-format table: system, seed, metric, value (6 decimals; empty where absent). */
  static String longTsv(List<Run> runs, List<String> testSets) {
    StringBuilder t = new StringBuilder("system\tseed\tmetric\tvalue\n");
    for (Run r : runs) {
      for (String metric : metrics(testSets)) {
        Double v = r.metrics().get(metric);
        t.append(r.system()).append('\t').append(r.seed()).append('\t').append(metric);
        t.append('\t').append(v == null ? "" : SystemResults.round(v, 6)).append('\n');
      }
    }
    return t.toString();
  }

  private static List<String> metrics(List<String> testSets) {
    List<String> m = new ArrayList<>(COST_METRICS);
    testSets.forEach(s -> m.add("PER " + s));
    testSets.forEach(s -> m.add("WER " + s));
    return m;
  }
}
