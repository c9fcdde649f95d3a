package org.asrnas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.asrnas.cli.SystemResults.GnuTime;

/**
 * The comparison of a recipe's systems over seeds (the run dirs {@code EXP/SYSTEM-sSEED} of
 * recipes/common/compare.sh): {@code compare.tsv} in long format (system, seed, metric, value) and
 * {@code COMPARE.md} with the mean and seed standard deviation of every system, the mean paired
 * difference (same seed) of every system against the hand-designed baseline and against the null
 * hypothesis (one uniformly random architecture) with a 95% Student t interval, and verdicts that
 * come from those intervals only: "better" or "worse" where the interval excludes 0, "not
 * distinguishable" otherwise. Then the search cost, whether every run left CTC's blank plateau, and
 * the derived architectures. Reads machine-readable files only (results.tsv, params.tsv, GNU time
 * files, the CSV logs).
 */
final class ComparisonResults {
  private ComparisonResults() {}

  /** Metrics of a run besides the error rates, in table order. */
  static final List<String> COST_METRICS =
      List.of("params_M", "search_s", "search_stage_s", "search_peak_MiB", "train_s");

  /**
   * What to compare and what the header says.
   *
   * @param recipe recipe name (wsj, swbd)
   * @param exp the comparison's exp dir with one dir per system and seed
   * @param systems systems in table order
   * @param seeds seeds of the run
   * @param testSets every scored set
   * @param dev the set the LM weight was tuned on
   * @param evalSets sets the verdict sentences are written for
   * @param baseline the hand-designed reference (tdnn6)
   * @param nullSystem the null hypothesis (random); a name not in {@code systems} turns it off
   * @param command the command that made the run, for the header
   * @param budgets the conf files whose contents the header lists (missing ones are skipped)
   * @param bench output of bench/search_cost.sh to include, or null
   * @param commit commit for the header
   * @param machine machine for the header
   * @param generated time for the header
   */
  record Inputs(
      String recipe,
      Path exp,
      List<String> systems,
      List<String> seeds,
      List<String> testSets,
      String dev,
      List<String> evalSets,
      String baseline,
      String nullSystem,
      String command,
      List<Path> budgets,
      Path bench,
      String commit,
      String machine,
      Instant generated) {}

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
   * A mean paired difference with its 95% t interval.
   *
   * @param half half-width of the interval; NaN for one pair
   */
  record Interval(int n, double mean, double half) {
    boolean excludesZero() {
      return n >= 2 && Math.abs(mean) > half;
    }

    /** "better" or "worse" (lower is better) where the interval excludes 0. */
    String verdict() {
      if (n < 2) {
        return "one seed: no interval";
      }
      if (!excludesZero()) {
        return "not distinguishable";
      }
      return mean < 0 ? "better" : "worse";
    }

    String text() {
      String m = signed(mean);
      return n < 2 ? m : m + " [" + signed(mean - half) + ", " + signed(mean + half) + "]";
    }
  }

  /** Mean and 95% Student t interval of paired differences (two-sided, n − 1 df). */
  static Interval paired(List<Double> diffs) {
    SummaryStatistics s = new SummaryStatistics();
    diffs.forEach(s::addValue);
    int n = diffs.size();
    if (n < 2) {
      return new Interval(n, n == 0 ? Double.NaN : s.getMean(), Double.NaN);
    }
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
    return new Interval(n, s.getMean(), t * s.getStandardDeviation() / Math.sqrt(n));
  }

  /** Every finished run (a results.tsv) of the systems and seeds, and the unfinished ones. */
  static List<Run> collect(Inputs in, List<String> missing) throws IOException {
    List<Run> runs = new ArrayList<>();
    for (String sys : in.systems()) {
      for (String seed : in.seeds()) {
        Path d = in.exp().resolve(sys + "-s" + seed);
        if (!Files.exists(d.resolve("results.tsv"))) {
          missing.add(sys + " seed " + seed);
          continue;
        }
        runs.add(read(sys, seed, d));
      }
    }
    return runs;
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
      GnuTime search = GnuTime.read(d.resolve("search_time.txt"));
      if (search != null && search.wallSeconds() >= 0) {
        m.put("search_s", search.wallSeconds());
      }
      if (search != null && search.peakKib() >= 0) {
        m.put("search_peak_MiB", search.peakKib() / 1024.0);
      }
      Double stage = columnSum(d.resolve("search.csv"), "seconds");
      if (stage != null) {
        m.put("search_stage_s", stage);
      }
    }
    GnuTime train = GnuTime.read(d.resolve(trained ? "train_time.txt" : "retrain_time.txt"));
    if (train != null && train.wallSeconds() >= 0) {
      m.put("train_s", train.wallSeconds());
    }
    List<String> lines = Files.readAllLines(d.resolve("results.tsv"), StandardCharsets.UTF_8);
    for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = l.split("\t", -1);
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

  /** Sum of a named column of a CSV log; null without the file or the column. */
  static Double columnSum(Path csv, String column) throws IOException {
    if (!Files.exists(csv)) {
      return null;
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int c = lines.isEmpty() ? -1 : List.of(lines.get(0).split(",", -1)).indexOf(column);
    if (c < 0) {
      return null;
    }
    double t = 0;
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      t += c < f.length ? SystemResults.number(f[c]) : 0;
    }
    return t;
  }

  private static String lastEpoch(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      return "";
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int c = List.of(lines.get(0).split(",", -1)).indexOf("heldout_per");
    if (c < 0 || lines.size() < 2) {
      return "";
    }
    String[] f = lines.get(lines.size() - 1).split(",", -1);
    return SystemResults.round(SystemResults.number(f[c]), 1) + "% after " + f[0] + " epochs";
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

  /** COMPARE.md. */
  static String render(Inputs in, List<Run> runs, List<String> missing, String pocketsphinx)
      throws IOException {
    StringBuilder md = new StringBuilder();
    header(md, in, runs);
    perSystem(md, in, runs, pocketsphinx);
    if (!missing.isEmpty()) {
      md.append("\nNot finished (left out of every table): ")
          .append(String.join(", ", missing))
          .append(".\n");
    }
    pairedTable(md, in, runs);
    verdicts(md, in, runs);
    searchCost(md, in, runs);
    plateau(md, runs);
    md.append("\n## Derived architectures\n\n```\n");
    for (Run r : runs) {
      if (!r.architecture().isEmpty()) {
        md.append(r.system()).append(" seed ").append(r.seed()).append(": ");
        md.append(r.architecture()).append('\n');
      }
    }
    md.append("```\n");
    return md.toString();
  }

  private static void header(StringBuilder md, Inputs in, List<Run> runs) throws IOException {
    md.append("# ").append(in.recipe().toUpperCase(java.util.Locale.ROOT));
    md.append(" stand-in: the ST-NAS comparison\n\n");
    md.append("Generated by `asr compare` from `").append(in.exp()).append("` (do not edit).\n\n");
    if (in.command() != null && !in.command().isEmpty()) {
      md.append("- command: `").append(in.command()).append("`\n");
    }
    md.append("- seeds: ").append(String.join(" ", in.seeds()));
    md.append(" (paired: the same seed gives every system the same data order and streams)\n");
    md.append("- code: commit `").append(in.commit()).append("`\n");
    md.append("- machine: ").append(in.machine()).append('\n');
    md.append("- generated: ");
    md.append(
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC)
            .format(in.generated()));
    md.append('\n');
    for (Path f : in.budgets()) {
      if (Files.exists(f)) {
        String json = Files.readString(f, StandardCharsets.UTF_8).replaceAll("\\s+", "");
        md.append("- `").append(f.getFileName()).append("`: `").append(json).append("`\n");
      }
    }
    md.append(
            "\nPER: greedy CTC phone error rate (%), the primary metric; WER: lexicon + 3-gram LM")
        .append(" word error rate (%), LM weight and word score tuned on ")
        .append(in.dev())
        .append(" per run. A cell is the mean over the finished seeds ± the sample standard")
        .append(" deviation over seeds, n in brackets.\n");
  }

  private static void perSystem(StringBuilder md, Inputs in, List<Run> runs, String ps) {
    md.append("\n## Error rates per system\n\n| system | seeds | params M |");
    in.testSets().forEach(s -> md.append(' ').append(s).append(" PER |"));
    in.testSets().forEach(s -> md.append(' ').append(s).append(" WER |"));
    md.append("\n|---|---:|---:|").append("---:|".repeat(2 * in.testSets().size())).append('\n');
    for (String sys : in.systems()) {
      List<Run> rs = runsOf(runs, sys);
      if (rs.isEmpty()) {
        continue;
      }
      md.append("| ").append(sys).append(" | ").append(rs.size()).append(" | ");
      md.append(cell(rs, "params_M")).append(" |");
      for (String kind : List.of("PER ", "WER ")) {
        for (String s : in.testSets()) {
          md.append(' ').append(cell(rs, kind + s)).append(" |");
        }
      }
      md.append('\n');
    }
    if (ps != null) {
      md.append(ps);
    }
  }

  /** The pocketsphinx row of the error-rate table (WER only), or null without its scores. */
  static String pocketsphinxRow(Path exp, List<String> testSets) throws IOException {
    Path dir = exp.resolve("pocketsphinx");
    if (!Files.isDirectory(dir)) {
      return null;
    }
    StringBuilder r = new StringBuilder("| pocketsphinx (stock en-us) | – | – |");
    r.append(" – |".repeat(testSets.size()));
    for (String s : testSets) {
      Path f = dir.resolve(s).resolve("score/result.tsv");
      String v = "–";
      if (Files.exists(f)) {
        List<String> l = Files.readAllLines(f, StandardCharsets.UTF_8);
        String[] row = l.size() > 1 ? l.get(1).split("\t", -1) : new String[0];
        v = row.length > 1 ? row[1] : "–";
      }
      r.append(' ').append(v).append(" |");
    }
    return r.append('\n').toString();
  }

  private static List<Run> runsOf(List<Run> runs, String sys) {
    return runs.stream().filter(r -> r.system().equals(sys)).toList();
  }

  /** "mean ± sd (n)", "v (1)" or "–". */
  static String cell(List<Run> rs, String metric) {
    SummaryStatistics s = new SummaryStatistics();
    rs.stream().map(r -> r.metrics().get(metric)).filter(v -> v != null).forEach(s::addValue);
    if (s.getN() == 0) {
      return "–";
    }
    if (s.getN() == 1) {
      return SystemResults.round(s.getMean(), 2) + " (1)";
    }
    return SystemResults.round(s.getMean(), 2)
        + " ± "
        + SystemResults.round(s.getStandardDeviation(), 2)
        + " ("
        + s.getN()
        + ")";
  }

  /** Differences system − reference of a metric over the seeds both finished. */
  static Interval difference(List<Run> runs, String sys, String ref, String metric) {
    List<Double> d = new ArrayList<>();
    for (Run a : runsOf(runs, sys)) {
      for (Run b : runsOf(runs, ref)) {
        Double x = a.metrics().get(metric);
        Double y = b.metrics().get(metric);
        if (a.seed().equals(b.seed()) && x != null && y != null) {
          d.add(x - y);
        }
      }
    }
    return paired(d);
  }

  private static List<String> references(Inputs in) {
    List<String> refs = new ArrayList<>();
    for (String r : List.of(in.baseline(), in.nullSystem())) {
      if (r != null && in.systems().contains(r) && !refs.contains(r)) {
        refs.add(r);
      }
    }
    return refs;
  }

  private static void pairedTable(StringBuilder md, Inputs in, List<Run> runs) {
    md.append("\n## Paired differences\n\n");
    md.append("Mean over seeds of (system − reference) for the same seed, in points, with the")
        .append(" 95% Student t interval (n − 1 degrees of freedom). Lower is better: \"better\"")
        .append(" or \"worse\" only where the interval excludes 0.\n\n");
    md.append("| system | reference | set | metric | n | mean diff | 95% CI | verdict |\n");
    md.append("|---|---|---|---|---:|---:|---|---|\n");
    for (String ref : references(in)) {
      for (String sys : in.systems()) {
        if (sys.equals(ref)) {
          continue;
        }
        for (String s : in.testSets()) {
          for (String kind : List.of("PER", "WER")) {
            Interval iv = difference(runs, sys, ref, kind + " " + s);
            if (iv.n() == 0) {
              continue;
            }
            md.append("| ").append(sys).append(" | ").append(ref).append(" | ").append(s);
            md.append(" | ").append(kind).append(" | ").append(iv.n()).append(" | ");
            md.append(signed(iv.mean())).append(" | ");
            md.append(iv.n() < 2 ? "–" : "[" + signed(iv.mean() - iv.half()) + ", ")
                .append(iv.n() < 2 ? "" : signed(iv.mean() + iv.half()) + "]");
            md.append(" | ").append(iv.verdict()).append(" |\n");
          }
        }
      }
    }
  }

  private static void verdicts(StringBuilder md, Inputs in, List<Run> runs) {
    md.append("\n## Verdicts\n\n");
    md.append("Generated from the intervals above for the eval sets; a system with fewer than")
        .append(" two paired seeds gets no verdict.\n");
    for (String ref : references(in)) {
      for (String sys : in.systems()) {
        if (sys.equals(ref) || runsOf(runs, sys).isEmpty()) {
          continue;
        }
        for (String s : in.evalSets()) {
          md.append("\n- **").append(sys).append(" vs ").append(ref).append(" on `").append(s);
          md.append("`:** ").append(sentence(runs, sys, ref, s)).append('\n');
        }
      }
    }
  }

  /** One verdict sentence: PER and WER differences, what they say, and the sizes. */
  static String sentence(List<Run> runs, String sys, String ref, String set) {
    Interval per = difference(runs, sys, ref, "PER " + set);
    Interval wer = difference(runs, sys, ref, "WER " + set);
    if (per.n() < 2) {
      return per.n() == 0
          ? "no paired seeds finished."
          : "one paired seed (PER " + signed(per.mean()) + "): no interval, no verdict.";
    }
    StringBuilder s = new StringBuilder();
    s.append("greedy PER ").append(per.text()).append(" points over ").append(per.n());
    s.append(" paired seeds: ").append(outcome(sys, ref, per)).append("; lexicon + LM WER ");
    s.append(wer.text()).append(": ").append(outcome(sys, ref, wer)).append('.');
    SummaryStatistics a = stats(runsOf(runs, sys), "params_M");
    SummaryStatistics b = stats(runsOf(runs, ref), "params_M");
    if (a.getN() > 0 && b.getN() > 0) {
      s.append(" Size: ").append(SystemResults.round(a.getMean(), 2)).append(" M vs ");
      s.append(SystemResults.round(b.getMean(), 2)).append(" M parameters (");
      s.append(a.getMean() <= b.getMean() * 1.05 ? "equal or smaller" : "larger").append(").");
    }
    return s.toString();
  }

  private static String outcome(String sys, String ref, Interval iv) {
    if (iv.n() < 2) {
      return "no interval";
    }
    return switch (iv.verdict()) {
      case "better" -> sys + " is better than " + ref;
      case "worse" -> sys + " is worse than " + ref;
      default -> "not distinguishable (the interval includes 0)";
    };
  }

  private static SummaryStatistics stats(List<Run> rs, String metric) {
    SummaryStatistics s = new SummaryStatistics();
    rs.stream().map(r -> r.metrics().get(metric)).filter(v -> v != null).forEach(s::addValue);
    return s;
  }

  private static void searchCost(StringBuilder md, Inputs in, List<Run> runs) throws IOException {
    md.append("\n## Search and training cost\n\n");
    md.append("search_s and search_peak_MiB: wall clock and peak resident memory (GNU time, JVM +")
        .append(" libtorch) of warm-up + search + derive; search_stage_s: the search epochs alone")
        .append(" (search.csv); train_s: training or retraining. Wall clocks depend on what ran")
        .append(
            " beside each job; the controlled per-step measurement is bench/search_cost.sh.\n\n");
    md.append("| system | ").append(String.join(" | ", COST_METRICS)).append(" |\n|---|");
    md.append("---:|".repeat(COST_METRICS.size())).append('\n');
    for (String sys : in.systems()) {
      List<Run> rs = runsOf(runs, sys);
      if (rs.isEmpty()) {
        continue;
      }
      md.append("| ").append(sys).append(" |");
      for (String c : COST_METRICS) {
        md.append(' ').append(cell(rs, c)).append(" |");
      }
      md.append('\n');
    }
    SummaryStatistics st = stats(runsOf(runs, "st"), "search_stage_s");
    for (String other : List.of("darts", "snas")) {
      SummaryStatistics o = stats(runsOf(runs, other), "search_stage_s");
      SummaryStatistics om = stats(runsOf(runs, other), "search_peak_MiB");
      SummaryStatistics sm = stats(runsOf(runs, "st"), "search_peak_MiB");
      if (st.getN() > 0 && o.getN() > 0 && st.getMean() > 0) {
        md.append("\n").append(other).append(" / st: search epochs ");
        md.append(SystemResults.round(o.getMean() / st.getMean(), 2)).append("× the wall time");
        if (sm.getN() > 0 && om.getN() > 0 && sm.getMean() > 0) {
          md.append(", ").append(SystemResults.round(om.getMean() / sm.getMean(), 2));
          md.append("× the peak memory");
        }
        md.append(" (means over seeds).\n");
      }
    }
    if (in.bench() != null && Files.exists(in.bench())) {
      md.append("\nControlled measurement (`bench/search_cost.sh`, same batch, nothing else")
          .append(" running):\n\n```\n");
      md.append(Files.readString(in.bench(), StandardCharsets.UTF_8).strip()).append("\n```\n");
    }
  }

  private static void plateau(StringBuilder md, List<Run> runs) {
    md.append("\n## Did every run leave CTC's blank plateau?\n\n");
    md.append("Held-out greedy PER after the last training epoch of each run (100% = blanks")
        .append(" only):\n\n");
    for (Run r : runs) {
      if (!r.lastEpoch().isEmpty()) {
        md.append("- ").append(r.system()).append(" seed ").append(r.seed()).append(": ");
        md.append(r.lastEpoch()).append('\n');
      }
    }
  }

  private static String signed(double v) {
    String s = SystemResults.round(v, 2);
    return s.startsWith("-") ? "−" + s.substring(1) : "+" + s;
  }
}
