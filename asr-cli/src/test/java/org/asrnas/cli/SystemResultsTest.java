package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemResultsTest {
  @TempDir Path tmp;

  private static String gnuTime(String wall, long kib) {
    return "\tCommand being timed: \"asr\"\n"
        + "\tElapsed (wall clock) time (h:mm:ss or m:ss): "
        + wall
        + "\n\tMaximum resident set size (kbytes): "
        + kib
        + "\n";
  }

  private Path fixture() throws Exception {
    Path out = tmp.resolve("exp");
    Path sys = out.resolve("st-s1");
    Files.createDirectories(sys.resolve("retrain"));
    Files.createDirectories(sys.resolve("decode/eval2000"));
    Files.createDirectories(sys.resolve("decode/train_dev"));
    Files.createDirectories(out.resolve("pocketsphinx/eval2000/score"));
    Files.writeString(
        sys.resolve("results.tsv"),
        "set\tgreedy_per\tlm_wer\tlm_weight\tword_score\tctm_wer\n"
            + "train_dev\t15.87\t20.57\t1.0\t0.0\t\n"
            + "eval2000\t27.93\t37.32\t1.0\t0.0\t36.87\n");
    Files.writeString(
        out.resolve("pocketsphinx/eval2000/score/result.tsv"),
        "metric\trate\terrors\twords\tins\tdel\tsub\tser\tsentence_errors\tsentences\n"
            + "WER\t77.67\t100\t128\t1\t2\t97\t90.00\t9\t10\n");
    // stage 3 ran twice: the last row counts, in the order of first appearance
    Files.writeString(
        out.resolve("stage_times.tsv"),
        "0\tdata\t55\tT\n3\tsearch and retraining\t100\tT\n4-5\tdecoding\t67\tT\n"
            + "3\tsearch and retraining\t543\tT\n");
    Files.writeString(out.resolve("stage_rss.tsv"), "0\t50.96\t1814620\n0\t1.0\t1024\n");
    Files.writeString(sys.resolve("search_time.txt"), gnuTime("4:18.71", 2102692));
    Files.writeString(sys.resolve("retrain_time.txt"), gnuTime("1:04:44.50", 2104320));
    Files.writeString(sys.resolve("decode/eval2000/infer_time.txt"), gnuTime("0:06.02", 900096));
    Files.writeString(sys.resolve("decode/train_dev/infer_time.txt"), gnuTime("0:05.00", 901120));
    Files.writeString(sys.resolve("derived.txt"), "supernet: 2 parameters; derived: 1\nnode 0\n");
    Files.writeString(sys.resolve("warmup.csv"), "epoch\n1\n2\n");
    Files.writeString(sys.resolve("search.csv"), "epoch\n1\n");
    Files.writeString(sys.resolve("retrain/epochs.csv"), "epoch\n1\n2\n3\n");
    Files.writeString(out.resolve("nas_show.txt"), "node 0: tdnn-C1D1 0.9*\nwrote exp/pi.png\n");
    return sys;
  }

  private String render(Path sys) throws Exception {
    return render(sys, null);
  }

  private String render(Path sys, Path targets) throws Exception {
    return SystemResults.render(
        new SystemResults.Inputs(
            "swbd",
            sys,
            sys.getParent(),
            "abc1234",
            "2 CPU core(s) (x86_64)",
            Instant.parse("2026-12-03T09:32:10Z"),
            targets));
  }

  @Test
  void targetsAreMeasuredFromTheSameFiles() throws Exception {
    Path sys = fixture();
    Files.writeString(
        sys.resolve("search.csv"), "epoch,pi_max\n1,0.3 0.2\n2,0.41 0.39 0.4 0.9 0.1 0.2\n");
    Path t = tmp.resolve("targets.tsv");
    Files.writeString(
        t,
        "# comment\n"
            + "wer\teval2000\t<=\t8\tWER ≤ 8%\n"
            + "per\teval2000\t<=\t30\tPER ≤ 30%\n"
            + "ps_ratio\teval2000\t>=\t3\tpocketsphinx / ours ≥ 3×\n"
            + "pi_nodes\t-\t>=\t4\t≥ 4 nodes decided\n"
            + "wall_s\t-\t<=\t2700\t≤ 45 min\n"
            + "wer\tnosuchset\t<=\t8\tabsent set\n");
    String md = render(sys, t);
    assertTrue(
        md.contains(
            "| target | measured | met |\n|---|---|---|\n"
                + "| WER ≤ 8% | 37.32% | no |\n"
                + "| PER ≤ 30% | 27.93% | yes |\n"
                + "| pocketsphinx / ours ≥ 3× | 2.1× | no |\n"
                + "| ≥ 4 nodes decided | 3 nodes | no |\n"
                // stage 3 ran twice: no row sum is the wall time of one run
                + "| ≤ 45 min | not measured: stage 3 ran more than once (a resumed or re-run"
                + " pipeline) | – |\n"
                + "| absent set | not measured | – |\n"),
        md);
    // every stage ran once: the sum is the run's wall time (55 + 543 + 67 s)
    Files.writeString(
        sys.getParent().resolve("stage_times.tsv"),
        "0\tdata\t55\tT\n3\tsearch and retraining\t543\tT\n4-5\tdecoding\t67\tT\n");
    String once = render(sys, t);
    assertTrue(once.contains("| ≤ 45 min | 11 min 5 s | yes |\n"), once);
    assertFalse(once.contains("ran more than once"), once);
    Files.writeString(t, "wer\teval2000\t<\t8\tbad op\n");
    AsrInputException e = assertThrows(AsrInputException.class, () -> render(sys, t));
    assertTrue(
        e.getMessage().contains("targets.tsv") && e.getMessage().contains("1"), e.getMessage());
  }

  @Test
  void rendersEverySectionFromTheMachineReadableFiles() throws Exception {
    String md = render(fixture());
    assertTrue(
        md.startsWith(
            "# swbd recipe results\n\n"
                + "Produced by `recipes/swbd/run.sh` (stage 6, recipes/common/results.sh) at commit\n"
                + "`abc1234` on 2 CPU core(s) (x86_64), 2026-12-03 09:32 UTC.\n"
                + "Strategy `st-s1`; options in recipes/swbd/conf/.\n"),
        md);
    assertTrue(
        md.contains(
            "| test set | greedy PER % | lexicon + LM WER % | stm/ctm WER % | LM weight | word score |\n"
                + "|---|---:|---:|---:|---:|---:|\n"
                + "| train_dev | 15.87 | 20.57 | - | 1.0 | 0.0 |\n"
                + "| eval2000 | 27.93 | 37.32 | 36.87 | 1.0 | 0.0 |\n"),
        md);
    // 77.67 / 37.32 = 2.0812...
    assertTrue(md.contains("| eval2000 | 77.67 | 37.32 | 2.1× |\n"), md);
    assertTrue(
        md.contains(
            "| 0 | data | 55 | 1772 |\n"
                + "| 3 | search and retraining | 543 | 2055 |\n"
                + "| 4-5 | decoding | 67 | 880 |\n\n"
                + "Sum of the stages above: 665 s (stage 6 is recorded after this file is written).\n"
                + "Stage 3 ran more than once (a resumed or re-run pipeline): each row is the last"
                + " run, and the sum is not the wall time of one run.\n"),
        md);
    assertTrue(
        md.contains(
            "- supernet: 2 parameters; derived: 1\n"
                + "- search (warm-up + search + derive): 259 s wall clock, peak resident memory"
                + " 2053 MiB (GNU time; JVM + libtorch)\n"
                + "- retraining: 3884 s wall clock, peak resident memory 2055 MiB\n"
                + "- warm-up epochs: 2, search epochs: 1, retrain epochs: 3\n"),
        md);
    assertTrue(md.contains("```\nnode 0: tdnn-C1D1 0.9*\n```\n"), "wrote lines dropped: " + md);
    assertFalse(md.contains("![per]"), "no per.png, no link");
  }

  @Test
  void withoutStmOrReferenceTheTablesAreTheShortOnes() throws Exception {
    Path sys = fixture();
    Files.writeString(
        sys.resolve("results.tsv"),
        "set\tgreedy_per\tlm_wer\tlm_weight\tword_score\tctm_wer\ntest_eval92\t57.75\t86.55\t1.0\t0.0\t\n");
    Files.walk(sys.getParent().resolve("pocketsphinx"))
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    Files.writeString(sys.getParent().resolve("per.png"), "");
    String md = render(sys);
    assertTrue(
        md.contains(
            "| test set | greedy PER % | lexicon + LM WER % | LM weight | word score |\n"
                + "|---|---:|---:|---:|---:|\n"
                + "| test_eval92 | 57.75 | 86.55 | 1.0 | 0.0 |\n"),
        md);
    assertFalse(md.contains("pocketsphinx"), md);
    assertTrue(md.contains("![per](per.png)"), md);
  }

  @Test
  void missingResultsNamesTheFile() {
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> render(tmp.resolve("none/st-s1")));
    assertTrue(e.getMessage().contains("results.tsv"), e.getMessage());
  }

  @Test
  void roundsAsCPrintfDoes() {
    assertEquals("62", SystemResults.round(62.5, 0), "ties to even");
    assertEquals("64", SystemResults.round(63.5, 0));
    assertEquals("2.1", SystemResults.round(77.67 / 37.32, 1));
    assertEquals(0.0, SystemResults.number(""));
    assertEquals(12.5, SystemResults.number(" 12.5x"));
  }
}
