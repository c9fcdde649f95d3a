package org.asrnas.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.asrnas.core.AsrInputException;

/**
 * The RESULTS.md of one searched system of a recipe (stage 6): error rates per test set from the
 * system's {@code results.tsv} (recipes/common/system.sh), the pocketsphinx reference when its
 * scores exist, wall time and peak memory per stage ({@code stage_times.tsv}, {@code stage_rss.tsv}
 * of recipes/common/timing.sh, GNU time files), model and search cost, the derived architecture
 * ({@code nas_show.txt}), links to the plots, and the recipe's targets with what was measured
 * ({@link ResultTargets}) when a targets file is given. Reads machine-readable files only; the
 * plots themselves are drawn by {@code asr nas show} and {@code asr plot} before.
 */
final class SystemResults {
  private SystemResults() {}

  /** Where the inputs are and what the header says. */
  record Inputs(
      String recipe,
      Path sys,
      Path out,
      String commit,
      String machine,
      Instant generated,
      Path targets) {}

  /** The markdown of RESULTS.md. */
  static String render(Inputs in) throws IOException, AsrInputException {
    Path tsv = in.sys().resolve("results.tsv");
    if (!Files.exists(tsv)) {
      throw AsrInputException.inFile(tsv, "missing: run stages 3-5 first");
    }
    List<String[]> rows = RunFiles.resultRows(tsv);
    StringBuilder md = new StringBuilder();
    header(md, in);
    if (in.targets() != null) {
      md.append(
          ResultTargets.section(ResultTargets.evaluate(in.targets(), in.sys(), in.out(), rows)));
      md.append('\n');
    }
    errorRates(md, rows);
    pocketsphinx(md, in.out(), rows);
    stages(md, in.sys(), in.out());
    cost(md, in.sys());
    derived(md, in.out());
    return md.toString();
  }

  private static void header(StringBuilder md, Inputs in) {
    md.append("# ").append(in.recipe()).append(" recipe results\n\n");
    md.append("Produced by `recipes/")
        .append(in.recipe())
        .append("/run.sh` (stage 6, recipes/common/results.sh) at commit\n");
    md.append('`')
        .append(in.commit())
        .append("` on ")
        .append(in.machine())
        .append(", ")
        .append(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(in.generated()))
        .append(".\n");
    md.append("Strategy `")
        .append(in.sys().getFileName())
        .append("`; options in recipes/")
        .append(in.recipe())
        .append("/conf/.\n\n");
  }

  private static String field(String[] row, int i) {
    return i < row.length ? row[i] : "";
  }

  private static void errorRates(StringBuilder md, List<String[]> rows) {
    md.append("## Error rates\n\n");
    md.append(
        "Greedy: CTC best path over phone units, scored as phone error rate (PER) against the\n");
    md.append(
        "lexicon's first pronunciation of each reference word. LM: lexicon + 3-gram beam search;\n");
    md.append(
        "LM weight and word score tuned on the dev set, then applied unchanged to every set.\n\n");
    boolean ctm = rows.stream().anyMatch(r -> !field(r, 5).isEmpty());
    if (ctm) {
      md.append(
          "stm/ctm: the same LM decoding written as CTM and scored against the set's stm as\n");
      md.append(
          "Kaldi's SWBD score_sclite.sh does (recipes/common/score_ctm.sh, docs/scoring.md).\n\n");
      md.append(
          "| test set | greedy PER % | lexicon + LM WER % | stm/ctm WER % | LM weight | word score |\n");
      md.append("|---|---:|---:|---:|---:|---:|\n");
    } else {
      md.append("| test set | greedy PER % | lexicon + LM WER % | LM weight | word score |\n");
      md.append("|---|---:|---:|---:|---:|\n");
    }
    for (String[] r : rows) {
      md.append("| ").append(field(r, 0)).append(" | ").append(field(r, 1));
      md.append(" | ").append(field(r, 2)).append(" | ");
      if (ctm) {
        String cw = field(r, 5);
        md.append(cw.isEmpty() ? "-" : cw).append(" | ");
      }
      md.append(field(r, 3)).append(" | ").append(field(r, 4)).append(" |\n");
    }
  }

  private static void pocketsphinx(StringBuilder md, Path out, List<String[]> rows)
      throws IOException {
    Path dir = out.resolve("pocketsphinx");
    if (!Files.isDirectory(dir)) {
      return;
    }
    md.append("\n## Outside reference: pocketsphinx on the same audio\n\n");
    md.append("Debian's pocketsphinx with its stock US English model, 3-gram LM and dictionary\n");
    md.append("(recipes/common/pocketsphinx.sh), scored like ours.\n\n");
    md.append(
        "| test set | pocketsphinx WER % | ours (lexicon + LM) WER % | pocketsphinx / ours |\n");
    md.append("|---|---:|---:|---:|\n");
    List<Path> sets = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
      ds.forEach(sets::add);
    }
    sets.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path d : sets) {
      String s = d.getFileName().toString();
      String ps = pocketsphinxWer(out, s);
      if (ps == null) {
        continue;
      }
      String ours = "";
      for (String[] row : rows) {
        if (field(row, 0).equals(s)) {
          ours = field(row, 2);
        }
      }
      double b = number(ours);
      String ratio = b > 0 ? round(number(ps) / b, 1) + "×" : "–";
      md.append("| ")
          .append(s)
          .append(" | ")
          .append(ps)
          .append(" | ")
          .append(ours.isEmpty() ? "–" : ours)
          .append(" | ")
          .append(ratio)
          .append(" |\n");
    }
  }

  private static void stages(StringBuilder md, Path sys, Path out) throws IOException {
    Path times = out.resolve("stage_times.tsv");
    if (!Files.exists(times)) {
      return;
    }
    md.append("\n## Wall time and peak memory per stage\n\n");
    md.append(
        "Wall clock of each stage of the last run of it (recipes/common/timing.sh); peak resident\n");
    md.append(
        "memory of the largest process of the stage (GNU time: JVM + libtorch, or sox/synthesis).\n\n");
    md.append("| stage | what | wall s | peak MiB |\n");
    md.append("|---|---|---:|---:|\n");
    Map<String, String[]> last = RunFiles.lastStageRows(times);
    Map<String, Double> rss = new LinkedHashMap<>();
    Path rssFile = out.resolve("stage_rss.tsv");
    if (Files.exists(rssFile)) {
      for (String l : Files.readAllLines(rssFile, StandardCharsets.UTF_8)) {
        String[] f = l.split("\t", -1);
        rss.merge(f[0], number(field(f, 2)), Math::max);
      }
    }
    double total = 0;
    for (Map.Entry<String, String[]> e : last.entrySet()) {
      String id = e.getKey();
      String secs = field(e.getValue(), 2);
      total += number(secs);
      String peak =
          switch (id) {
            case "3" ->
                maxPeak(List.of(sys.resolve("search_time.txt"), sys.resolve("retrain_time.txt")));
            case "4-5" -> maxPeak(inferTimes(sys));
            default -> rss.getOrDefault(id, 0.0) > 0 ? round(rss.get(id) / 1024, 0) : "";
          };
      md.append("| ")
          .append(id)
          .append(" | ")
          .append(field(e.getValue(), 1))
          .append(" | ")
          .append(secs)
          .append(" | ")
          .append(peak.isEmpty() ? "–" : peak)
          .append(" |\n");
    }
    md.append("\nSum of the stages above: ")
        .append(total == Math.rint(total) ? Long.toString((long) total) : Double.toString(total))
        .append(" s (stage 6 is recorded after this file is written).\n");
    List<String> rerun = RunFiles.rerunStages(times);
    if (!rerun.isEmpty()) {
      md.append("Stage")
          .append(rerun.size() > 1 ? "s " : " ")
          .append(String.join(", ", rerun))
          .append(" ran more than once (a resumed or re-run pipeline): each row is the last run,")
          .append(" and the sum is not the wall time of one run.\n");
    }
  }

  private static List<Path> inferTimes(Path sys) throws IOException {
    List<Path> files = new ArrayList<>();
    Path decode = sys.resolve("decode");
    if (Files.isDirectory(decode)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(decode, Files::isDirectory)) {
        ds.forEach(d -> files.add(d.resolve("infer_time.txt")));
      }
    }
    return files;
  }

  /** The largest peak (MiB) among the GNU time files that exist; empty when none has one. */
  private static String maxPeak(List<Path> files) throws IOException {
    OptionalLong best = OptionalLong.empty();
    for (Path f : files) {
      GnuTime t = GnuTime.read(f);
      if (t != null && t.peakKib() >= 0) {
        long mib = Long.parseLong(round(t.peakKib() / 1024.0, 0));
        best = OptionalLong.of(best.isPresent() ? Math.max(best.getAsLong(), mib) : mib);
      }
    }
    return best.isPresent() ? Long.toString(best.getAsLong()) : "";
  }

  private static void cost(StringBuilder md, Path sys) throws IOException {
    md.append("\n## Model and search cost\n\n");
    Path derived = sys.resolve("derived.txt");
    List<String> d =
        Files.exists(derived) ? Files.readAllLines(derived, StandardCharsets.UTF_8) : List.of();
    md.append("- ").append(d.isEmpty() ? "" : d.get(0)).append('\n');
    GnuTime search = GnuTime.read(sys.resolve("search_time.txt"));
    if (search != null) {
      md.append("- search (warm-up + search + derive): ")
          .append(search.wallText())
          .append(" s wall clock, peak resident memory ")
          .append(search.peakText())
          .append(" MiB (GNU time; JVM + libtorch)\n");
    }
    GnuTime retrain = GnuTime.read(sys.resolve("retrain_time.txt"));
    if (retrain != null) {
      md.append("- retraining: ")
          .append(retrain.wallText())
          .append(" s wall clock, peak resident memory ")
          .append(retrain.peakText())
          .append(" MiB\n");
    }
    md.append("- warm-up epochs: ")
        .append(rowsOf(sys.resolve("warmup.csv")))
        .append(", search epochs: ")
        .append(rowsOf(sys.resolve("search.csv")))
        .append(", retrain epochs: ")
        .append(rowsOf(sys.resolve("retrain/epochs.csv")))
        .append('\n');
  }

  /** Data rows of a CSV log (lines after the header); 0 when the stage wrote none. */
  private static long rowsOf(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      return 0;
    }
    try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      return Math.max(0, lines.count() - 1);
    }
  }

  private static void derived(StringBuilder md, Path out) throws IOException {
    md.append("\n## Derived architecture (π at the last α step, * = argmax)\n\n");
    md.append("```\n");
    Path show = out.resolve("nas_show.txt");
    if (Files.exists(show)) {
      for (String l : Files.readAllLines(show, StandardCharsets.UTF_8)) {
        if (!l.startsWith("wrote ")) {
          md.append(l).append('\n');
        }
      }
    }
    md.append("```\n\n");
    md.append("## Plots\n\n");
    md.append("- π over the search: ![pi](pi.png)\n");
    md.append("- derived network: ![network](network.png)\n");
    md.append("- loss curves (warm-up, search, retraining on one epoch axis): ![loss](loss.png)\n");
    if (Files.exists(out.resolve("per.png"))) {
      md.append("- held-out greedy PER on the same axis: ![per](per.png)\n");
    }
  }

  /**
   * pocketsphinx's WER on {@code set} as its score report wrote it ({@code
   * OUT/pocketsphinx/SET/score/result.tsv}, row 2, column 2); null without that file, empty when
   * the file has no such field.
   */
  static String pocketsphinxWer(Path out, String set) throws IOException {
    Path result = out.resolve("pocketsphinx").resolve(set).resolve("score/result.tsv");
    if (!Files.exists(result)) {
      return null;
    }
    List<String> r = Files.readAllLines(result, StandardCharsets.UTF_8);
    return r.size() > 1 ? field(r.get(1).split("\t", -1), 1) : "";
  }

  /** The first 7 digits of a commit hash ("unknown" and short names as they are). */
  static String shortCommit(String full) {
    return full.length() > 7 && !full.equals("unknown") ? full.substring(0, 7) : full;
  }

  /** A number as awk reads one: its leading numeric part, 0 when there is none. */
  static double number(String s) {
    java.util.regex.Matcher m = LEADING_NUMBER.matcher(s);
    return m.find() ? Double.parseDouble(m.group().strip()) : 0;
  }

  private static final java.util.regex.Pattern LEADING_NUMBER =
      java.util.regex.Pattern.compile("^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /**
   * {@code x} with {@code digits} decimals as C's printf rounds it (the exact binary value, ties to
   * even), so that the tables match the awk that wrote them before.
   */
  static String round(double x, int digits) {
    return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /**
   * The two fields of GNU {@code time -v} output the report uses.
   *
   * @param wallSeconds "Elapsed (wall clock) time (h:mm:ss or m:ss)", -1 when absent
   * @param peakKib "Maximum resident set size (kbytes)", -1 when absent
   */
  record GnuTime(double wallSeconds, long peakKib) {
    /** The file's fields; null when the file does not exist. */
    static GnuTime read(Path f) throws IOException {
      if (!Files.exists(f)) {
        return null;
      }
      double wall = -1;
      long peak = -1;
      for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        int i = l.lastIndexOf(": ");
        if (i < 0) {
          continue;
        }
        String v = l.substring(i + 2).strip();
        if (l.contains("Elapsed (wall clock)")) {
          double s = 0;
          for (String part : v.split(":")) {
            s = s * 60 + number(part);
          }
          wall = s;
        } else if (l.contains("Maximum resident set size")) {
          peak = (long) number(v);
        }
      }
      return new GnuTime(wall, peak);
    }

    String wallText() {
      return wallSeconds < 0 ? "" : round(wallSeconds, 0);
    }

    String peakText() {
      return peakKib < 0 ? "" : round(peakKib / 1024.0, 0);
    }
  }
}
