package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ComparisonResultsTest {
  @TempDir Path tmp;

  // eval PER of tdnn6 and st per seed: st - tdnn6 = -1, -2, -1.5, -2.5 (mean -1.75, sd 0.6455,
  // t(3) = 3.182: half-width 1.027); WER differences +1, -1, +2, -2 (mean 0: not distinguishable)
  private static final double[] TDNN_PER = {20, 21, 22, 23};
  private static final double[] ST_PER = {19, 19, 20.5, 20.5};
  private static final double[] TDNN_WER = {30, 31, 32, 33};
  private static final double[] ST_WER = {31, 30, 34, 31};

  // darts runs on the first 2 seeds only
  private static final List<String> SPECS = List.of("tdnn6", "st", "random", "darts:2");

  private static String gnuTime(String wall, long kib) {
    return "\tElapsed (wall clock) time (h:mm:ss or m:ss): "
        + wall
        + "\n\tMaximum resident set size (kbytes): "
        + kib
        + "\n";
  }

  private static void results(Path d, double per, double wer) throws Exception {
    Files.createDirectories(d);
    Files.writeString(
        d.resolve("results.tsv"),
        "set\tgreedy_per\tlm_wer\tlm_weight\tword_score\n"
            + "dev\t50.00\t60.00\t0.5\t0\n"
            + "eval\t"
            + per
            + "\t"
            + wer
            + "\t0.5\t0\n");
  }

  private Path fixture() throws Exception {
    Path exp = tmp.resolve("exp");
    for (int i = 0; i < 4; i++) {
      Path t = exp.resolve("tdnn6-s" + (i + 1));
      results(t, TDNN_PER[i], TDNN_WER[i]);
      Files.writeString(t.resolve("final.model"), "");
      Files.writeString(t.resolve("params.tsv"), "layer\tshape\tparams\ntotal\t\t1550122\n");
      Files.writeString(t.resolve("train_time.txt"), gnuTime("13:20.00", 2048000));
      Files.writeString(
          t.resolve("epochs.csv"),
          "epoch,train_loss,heldout_loss,heldout_per\n1,9,9,80\n14,5,5,15.25\n");
      Path s = exp.resolve("st-s" + (i + 1));
      results(s, ST_PER[i], ST_WER[i]);
      Files.createDirectories(s.resolve("retrain"));
      // a run made before params.tsv: the log's last "total params" line
      Files.writeString(s.resolve("retrain.log"), "total params 9\ntotal params 1,812,266\n");
      Files.writeString(s.resolve("search_time.txt"), gnuTime("20:00", 3072000));
      Files.writeString(s.resolve("retrain_time.txt"), gnuTime("1:00:00", 2048000));
      Files.writeString(
          s.resolve("search.csv"), "epoch,seconds,heldout_per\n1,150.5,30\n2,149.5,28\n");
      Files.writeString(s.resolve("derived.txt"), "derived: 1,812,266 parameters\nnode 0\n");
      Files.writeString(
          s.resolve("derived.json"),
          "{\"layers\": [{\"op\": \"tdnn-C2D2\"}, {\"op\":\"tdnn-C1D1\"}]}");
    }
    // seed 1's search took its warm-up from a shared dir: its cost is charged to the search
    Path warm = exp.resolve("warmup-s1");
    Files.createDirectories(warm);
    Files.writeString(warm.resolve("warmup_time.txt"), gnuTime("5:00", 4096000));
    Files.writeString(
        exp.resolve("st-s1/run.json"),
        "{\"strategy\": \"st\", \"warmup_from\": \"" + warm.toAbsolutePath() + "\"}");
    results(exp.resolve("random-s1"), 25, 35);
    Files.createDirectories(exp.resolve("pocketsphinx/eval/score"));
    Files.writeString(
        exp.resolve("pocketsphinx/eval/score/result.tsv"), "metric\trate\nWER\t51.91\n");
    return exp;
  }

  private ComparisonResults.Inputs inputs(Path exp) {
    return new ComparisonResults.Inputs(
        "wsj",
        exp,
        List.of("tdnn6", "st", "random", "darts"),
        List.of("1", "2", "3", "4"),
        List.of("dev", "eval"),
        "dev",
        List.of("eval"),
        "tdnn6",
        "random",
        "run.sh --compare true",
        List.of(),
        null,
        "abc1234",
        "2 cores",
        Instant.parse("2026-12-03T12:00:00Z"));
  }

  @Test
  void pairedIntervalMatchesStudentT() {
    // mean -1.75, sd sqrt(1.25 / 3); t(0.975, 3) = 3.18245 (statistical tables)
    PairedInterval iv = PairedInterval.of(List.of(-1.0, -2.0, -1.5, -2.5));
    assertEquals(4, iv.n());
    assertEquals(-1.75, iv.mean(), 1e-12);
    assertEquals(3.18245 * Math.sqrt(1.25 / 3) / 2, iv.half(), 1e-4);
    assertEquals("better", iv.verdict());
    // t(0.975, 2) = 4.30265: [2 - 2.484, 2 + 2.484] includes 0
    PairedInterval wide = PairedInterval.of(List.of(1.0, 2.0, 3.0));
    assertEquals(4.30265 / Math.sqrt(3), wide.half(), 1e-4);
    assertEquals("not distinguishable", wide.verdict());
    assertEquals("worse", PairedInterval.of(List.of(1.0, 1.1, 0.9)).verdict());
    PairedInterval one = PairedInterval.of(List.of(-5.0));
    assertTrue(Double.isNaN(one.half()));
    assertEquals("one seed: no interval", one.verdict());
  }

  @Test
  void readsEveryRunAndListsTheUnfinished() throws Exception {
    Path exp = fixture();
    List<String> missing = new ArrayList<>();
    List<ComparisonRuns.Run> runs =
        ComparisonRuns.collect(exp, SPECS, inputs(exp).seeds(), missing);
    assertEquals(9, runs.size());
    assertEquals(
        List.of("random seed 2", "random seed 3", "random seed 4", "darts seed 1", "darts seed 2"),
        missing);
    ComparisonRuns.Run st = runs.get(4);
    assertEquals("st", st.system());
    assertEquals(1.812266, st.metrics().get("params_M"), 1e-9);
    // 20 min of search + the shared 5 min warm-up; the warm-up's peak is the larger
    assertEquals(1500, st.metrics().get("search_s"), 1e-9);
    assertEquals(4000, st.metrics().get("search_peak_MiB"), 1e-9);
    assertEquals(1200, runs.get(5).metrics().get("search_s"), 1e-9);
    assertEquals(300, st.metrics().get("search_stage_s"), 1e-9);
    assertEquals(3000, runs.get(5).metrics().get("search_peak_MiB"), 1e-9);
    assertEquals(3600, st.metrics().get("train_s"), 1e-9);
    assertEquals(19, st.metrics().get("PER eval"), 1e-9);
    assertEquals("derived: 1,812,266 parameters\n  ops: tdnn-C2D2 tdnn-C1D1", st.architecture());
    ComparisonRuns.Run tdnn = runs.get(0);
    assertEquals(1.550122, tdnn.metrics().get("params_M"), 1e-9);
    assertNull(tdnn.metrics().get("search_s"));
    assertEquals(800, tdnn.metrics().get("train_s"), 1e-9);
    assertEquals("15.2% after 14 epochs", tdnn.lastEpoch());
    String tsv = ComparisonRuns.longTsv(runs, List.of("dev", "eval"));
    assertTrue(tsv.startsWith("system\tseed\tmetric\tvalue\n"), tsv);
    assertTrue(tsv.contains("st\t1\tPER eval\t19.000000\n"), tsv);
    assertTrue(tsv.contains("tdnn6\t1\tsearch_s\t\n"), tsv);
  }

  @Test
  void verdictsComeFromTheIntervals() throws Exception {
    Path exp = fixture();
    List<String> missing = new ArrayList<>();
    List<ComparisonRuns.Run> runs =
        ComparisonRuns.collect(exp, SPECS, inputs(exp).seeds(), missing);
    String md =
        ComparisonResults.render(
            inputs(exp),
            runs,
            missing,
            ComparisonResults.pocketsphinxRow(exp, List.of("dev", "eval")));
    // mean ± sd (n): tdnn6 eval PER 21.5 ± 1.29 over 4 seeds
    assertTrue(md.contains("| tdnn6 | 4 | 1.55 ± 0.00 (4) |"), md);
    assertTrue(md.contains("21.50 ± 1.29 (4)"), md);
    assertTrue(md.contains("| pocketsphinx (stock en-us) | – | – | – | – | – | 51.91 |"), md);
    assertTrue(
        md.contains("| st | tdnn6 | eval | PER | 4 | −1.75 | [−2.78, −0.72] | better |"), md);
    // WER: mean 0, sd sqrt(10 / 3), half-width 3.18245 * 1.8257 / 2 = 2.905
    assertTrue(
        md.contains(
            "| st | tdnn6 | eval | WER | 4 | +0.00 | [−2.91, +2.91] | not distinguishable |"),
        md);
    assertTrue(md.contains("st is better than tdnn6"), md);
    assertTrue(md.contains("not distinguishable (the interval includes 0)"), md);
    assertTrue(md.contains("Size: 1.81 M vs 1.55 M parameters (larger)."), md);
    // one paired seed against the null: reported, no verdict
    assertTrue(
        md.contains("| st | random | eval | PER | 1 | −6.00 | – | one seed: no interval |"), md);
    assertTrue(
        md.contains("**st vs random on `eval`:** one paired seed (PER −6.00): no interval"), md);
    assertTrue(md.contains("Not finished (left out of every table): random seed 2"), md);
    assertTrue(md.contains("- tdnn6 seed 4: 15.2% after 14 epochs"), md);
    assertTrue(md.contains("st seed 1: derived: 1,812,266 parameters\n  ops: tdnn-C2D2"), md);
    assertFalse(md.contains("darts |"), md);
  }

  @Test
  void commandWritesTheTableAndTheReport() throws Exception {
    Path exp = fixture();
    int rc =
        new CommandLine(new AsrCommand())
            .execute(
                "compare",
                "--recipe",
                "wsj",
                "--exp",
                exp.toString(),
                "--systems",
                "tdnn6 st random",
                "--seeds",
                "1 2 3 4",
                "--test-sets",
                "dev eval",
                "--dev",
                "dev");
    assertEquals(0, rc);
    assertTrue(Files.readString(exp.resolve("compare.tsv")).contains("st\t4\tWER eval\t31.000000"));
    assertTrue(Files.readString(exp.resolve("COMPARE.md")).contains("**st vs tdnn6 on `dev`:**"));
  }
}
