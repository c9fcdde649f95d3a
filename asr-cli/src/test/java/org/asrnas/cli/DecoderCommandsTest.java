package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.decoder.lm.ArpaModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderCommandsTest {

  @Test
  void lmBuildWritesAStrictArpaAndEvalReportsPerplexity(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("text");
    Files.writeString(text, "u1 THE CAT SAT\nu2 THE DOG SAT\nu3 A CAT RAN\n");
    Path lm = dir.resolve("lm.arpa");
    CliRunner b =
        CliRunner.run(
            "lm",
            "build",
            "--text",
            text.toString(),
            "--text-has-ids",
            "--order",
            "3",
            "--out",
            lm.toString());
    assertEquals(0, b.exitCode(), b.err());
    ArpaModel m = ArpaModel.read(lm);
    assertEquals(3, m.order());
    assertTrue(m.wordId("u1") < 0, "utterance ids are not words");
    Path test = dir.resolve("test");
    Files.writeString(test, "THE CAT RAN\nTHE ZEBRA SAT\n");
    CliRunner e = CliRunner.run("lm", "eval", "--lm", lm.toString(), "--text", test.toString());
    assertEquals(0, e.exitCode(), e.err());
    assertTrue(e.out().contains("2 sentences, 6 words, 1 OOVs (16.67%)"), e.out());
  }

  @Test
  void scorePrintsKaldiLinesAndWritesReports(@TempDir Path dir) throws Exception {
    Path ref = dir.resolve("ref");
    Path hyp = dir.resolve("hyp.trn");
    Files.writeString(ref, "spk1-u1 THE CAT SAT\nspk2-u2 HELLO\n");
    Files.writeString(hyp, "the bat sat (spk1-u1)\nhello there (spk2-u2)\n");
    Path out = dir.resolve("score");
    CliRunner r =
        CliRunner.run(
            "score", "--ref", ref.toString(), "--hyp", hyp.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("%WER 50.00 [ 2 / 4, 1 ins, 0 del, 1 sub ]"), r.out());
    assertTrue(r.out().contains("%SER 100.00 [ 2 / 2 ]"), r.out());
    for (String f : List.of("sum.txt", "rsum.txt", "pra.txt", "wer.txt", "counts.tsv")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertTrue(Files.readString(out.resolve("hyp.trn")).contains("hello there (spk2-u2)"));
  }

  /** Units a b c; "c a b", then "a": CAB A or C AB A, equal acoustically. */
  static Path archive(Path dir) throws Exception {
    int[] path = {0, 3, 0, 1, 0, 2, 2, 0, 1, 0};
    float[] d = new float[path.length * 4];
    for (int t = 0; t < path.length; t++) {
      for (int u = 0; u < 4; u++) {
        d[t * 4 + u] = (float) Math.log(u == path[t] ? 0.91 : 0.03);
      }
    }
    Path ark = dir.resolve("lp.ark");
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(ark)) {
      w.write("spk1-u1", new FloatMatrix(path.length, 4, d));
    }
    Files.writeString(dir.resolve("units.txt"), "<blk> 0\na 1\nb 2\nc 3\n");
    Files.writeString(dir.resolve("lexicon.txt"), "CAB c a b\nA a\nAB a b\nC c\n");
    return ark;
  }

  /** Issue 17: an utterance with NaN log-probabilities is named and skipped, the others decode. */
  @Test
  void decodeSkipsANonFiniteUtteranceAndNamesIt(@TempDir Path dir) throws Exception {
    archive(dir);
    Path ark = dir.resolve("two.ark");
    FloatMatrix good = KaldiArchive.readAll(dir.resolve("lp.ark")).get("spk1-u1");
    float[] nan = good.data().clone();
    nan[6] = Float.NaN;
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(ark)) {
      w.write("spk1-u0", new FloatMatrix(good.rows(), good.cols(), nan));
      w.write("spk1-u1", good);
    }
    String units = dir.resolve("units.txt").toString();
    CliRunner r =
        CliRunner.run(
            "decode", "--logprobs", ark.toString(), "--units", units, "--decoder", "greedy");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("spk1-u1 c a b a\n", r.out());
    assertTrue(r.err().contains("skipped spk1-u0: log-probabilities hold NaN at frame 1"), r.err());
    assertTrue(r.err().contains("decoded 1 utterances (1 skipped)"), r.err());
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(ark)) {
      w.write("spk1-u0", new FloatMatrix(good.rows(), good.cols(), nan));
    }
    CliRunner none =
        CliRunner.run(
            "decode", "--logprobs", ark.toString(), "--units", units, "--decoder", "greedy");
    assertEquals(1, none.exitCode(), none.err());
    assertTrue(none.err().contains("none of the 1 utterances could be decoded"), none.err());
  }

  @Test
  void decodePrintsUnitsOrWordsInEveryFormat(@TempDir Path dir) throws Exception {
    Path ark = archive(dir);
    String units = dir.resolve("units.txt").toString();
    CliRunner greedy =
        CliRunner.run(
            "decode", "--logprobs", ark.toString(), "--units", units, "--decoder", "greedy");
    assertEquals(0, greedy.exitCode(), greedy.err());
    assertEquals("spk1-u1 c a b a\n", greedy.out());
    assertTrue(greedy.err().contains("RTF"), greedy.err());
    CliRunner words =
        CliRunner.run(
            "decode",
            "--logprobs",
            ark.toString(),
            "--units",
            units,
            "--lexicon",
            dir.resolve("lexicon.txt").toString(),
            "--format",
            "trn",
            "--word-score",
            "-1");
    assertEquals(0, words.exitCode(), words.err());
    assertEquals("CAB A (spk1-u1)\n", words.out());
    CliRunner json =
        CliRunner.run(
            "decode",
            "--logprobs",
            ark.toString(),
            "--units",
            units,
            "--lexicon",
            dir.resolve("lexicon.txt").toString(),
            "--format",
            "json",
            "--nbest",
            "2",
            "--word-score",
            "-1");
    assertTrue(json.out().startsWith("{\"utt\":\"spk1-u1\",\"text\":\"CAB A\""), json.out());
    assertTrue(json.out().contains("\"nbest\":[{\"text\":\"CAB A\""), json.out());
  }

  @Test
  void decodeRejectsAnLmWithoutLexiconAsUsageError(@TempDir Path dir) throws Exception {
    Path ark = archive(dir);
    CliRunner r =
        CliRunner.run(
            "decode",
            "--logprobs",
            ark.toString(),
            "--units",
            dir.resolve("units.txt").toString(),
            "--lm",
            dir.resolve("none.arpa").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--lm needs --lexicon"), r.err());
  }

  @Test
  void tuneSweepsWeightsAndReportsTheBest(@TempDir Path dir) throws Exception {
    Path ark = archive(dir);
    Files.writeString(dir.resolve("ref"), "spk1-u1 CAB A\n");
    CliRunner r =
        CliRunner.run(
            "decode",
            "--tune",
            "--ref",
            dir.resolve("ref").toString(),
            "--logprobs",
            ark.toString(),
            "--units",
            dir.resolve("units.txt").toString(),
            "--lexicon",
            dir.resolve("lexicon.txt").toString(),
            "--lm-weights",
            "0",
            "--word-scores",
            "2,-1",
            "--out",
            dir.resolve("tune.tsv").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(3, r.out().lines().count(), r.out());
    assertEquals(
        "lm_weight\tword_score\twer\terrors\twords\tbest\n"
            + "0.0\t2.0\t100.00\t2\t2\t0\n"
            + "0.0\t-1.0\t0.00\t0\t2\t1\n",
        Files.readString(dir.resolve("tune.tsv")),
        "the sweep for scripts, best flagged");
    // a word bonus prefers "C AB A", a penalty the right "CAB A"
    assertTrue(
        r.out().contains("%WER 100.00 [ 2 / 2, 1 ins, 0 del, 1 sub ] lm-weight=0.0 word-score=2.0"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "best: %WER 0.00 [ 0 / 2, 0 ins, 0 del, 0 sub ] lm-weight=0.0 word-score=-1.0"),
        r.out());
  }
}
