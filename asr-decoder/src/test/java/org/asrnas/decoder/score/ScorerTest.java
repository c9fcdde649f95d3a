package org.asrnas.decoder.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerTest {
  static Path parity(String name) throws Exception {
    return Path.of(
        ScorerTest.class.getResource("/org/asrnas/decoder/score/parity/" + name).toURI());
  }

  /** Golden made by scripts/golden/sclite_parity.py from sclite 2.10 on 500 random pairs. */
  @Test
  void countsEqualScliteOnTheGoldenPairs() throws Exception {
    Scorer.Report r =
        Scorer.score(
            Transcripts.read(parity("ref.trn"), Transcripts.Format.TRN),
            Transcripts.read(parity("hyp.trn"), Transcripts.Format.TRN),
            TextFilter.defaults());
    List<String> utt = Files.readAllLines(parity("sclite_utterances.tsv"));
    assertEquals(501, utt.size());
    Map<String, Scorer.UtteranceScore> byId = new java.util.HashMap<>();
    r.utterances().forEach(u -> byId.put(u.id(), u));
    for (String line : utt.subList(1, utt.size())) {
      String[] f = line.split("\t");
      ErrorCounts c = byId.get(f[0]).counts();
      assertEquals(
          Arrays.asList(f).subList(1, 5),
          List.of(
              "" + c.correct(), "" + c.substitutions(), "" + c.deletions(), "" + c.insertions()),
          f[0]);
    }
    List<String> spk = Files.readAllLines(parity("sclite_speakers.tsv"));
    for (String line : spk.subList(1, spk.size())) {
      String[] f = line.split("\t");
      ErrorCounts c = f[0].equals("Sum/Avg") ? r.total() : r.speakers().get(f[0]);
      assertEquals(
          Arrays.asList(f).subList(1, 9),
          List.of(
              "" + c.sentences(),
              "" + c.words(),
              "" + c.correct(),
              "" + c.substitutions(),
              "" + c.deletions(),
              "" + c.insertions(),
              "" + c.errors(),
              "" + c.sentenceErrors()),
          f[0]);
    }
  }

  @Test
  void tiesPreferSubstitutionThenInsertionAsSclite() {
    // equal cost 12: three substitutions (sclite's choice) or two insertions + two deletions
    Alignment a = Aligner.align(List.of("a", "b", "c"), List.of("d", "e", "a"));
    assertEquals(3, a.count(Alignment.Op.SUBSTITUTION));
    // deletion and insertion cost 6 < two substitutions 8
    Alignment b = Aligner.align(List.of("a", "b"), List.of("b", "c"));
    assertEquals(
        List.of(Alignment.Op.DELETION, Alignment.Op.CORRECT, Alignment.Op.INSERTION),
        b.edits().stream().map(Alignment.Edit::op).toList());
  }

  @Test
  void kaldiLinesAndPraAlignment() {
    Map<String, Transcript> ref =
        Map.of("s1-u1", new Transcript("s1-u1", List.of("the", "cat", "sat", "on", "the", "mat")));
    Map<String, Transcript> hyp =
        Map.of("s1-u1", new Transcript("s1-u1", List.of("the", "cat", "sat", "at", "mat", "mat")));
    Scorer.Report r = Scorer.score(ref, hyp, TextFilter.defaults());
    assertEquals(
        "%WER 33.33 [ 2 / 6, 0 ins, 0 del, 2 sub ]\n%SER 100.00 [ 1 / 1 ]\n", r.kaldiLines());
    assertEquals(
        "metric\trate\terrors\twords\tins\tdel\tsub\tser\tsentence_errors\tsentences\n"
            + "WER\t33.33\t2\t6\t0\t0\t2\t100.00\t1\t1\n",
        r.resultTsv(),
        "result.tsv carries the numbers of the %WER/%SER lines");
    String pra = r.alignments();
    assertTrue(pra.contains("REF:  the cat sat ON THE mat"), pra);
    assertTrue(pra.contains("Eval:             S  S"), pra);
  }

  @Test
  void switchboardFilterDropsFillersNoiseAndPartialWords() {
    TextFilter f = TextFilter.defaults().withSwitchboard(true);
    assertEquals(
        List.of("i", "think", "so"),
        f.apply(List.of("UH", "I", "[noise]", "th-", "THINK", "<NOISE>", "um", "so", "-ing")));
    assertEquals(List.of("uh-huh", "well"), TextFilter.defaults().apply(List.of("UH-HUH", "Well")));
    assertEquals(
        List.of("uh", "huh", "well"),
        TextFilter.defaults().withSplitHyphens(true).apply(List.of("UH-HUH", "Well")));
    assertEquals(
        List.of("Well"), TextFilter.defaults().withCaseSensitive(true).apply(List.of("Well")));
    assertEquals(
        List.of("a", "b", "c"),
        TextFilter.defaults().withCharacters(true).apply(List.of("AB", "c")));
  }

  @Test
  void glmMappingAppliesToBothSides(@TempDir Path dir) throws Exception {
    Path glm = dir.resolve("en.glm");
    Files.writeString(
        glm,
        ";; comment\n* name \"test\"\nI'M => I AM / [ ] __ [ ]\nOKAY => OK\nALL RIGHT => ALRIGHT\n");
    TextFilter f = TextFilter.defaults().withGlm(TextFilter.readGlm(glm, false));
    Scorer.Report r =
        Scorer.score(
            Map.of("a-1", new Transcript("a-1", List.of("I", "AM", "OK", "ALRIGHT"))),
            Map.of("a-1", new Transcript("a-1", List.of("I'M", "OKAY", "ALL", "RIGHT"))),
            f);
    assertEquals(0, r.total().errors());
    Files.writeString(glm, "A => B / [ ] __ C\n");
    assertThrows(AsrInputException.class, () -> TextFilter.readGlm(glm, false));
  }

  @Test
  void subsetTotalsForSwitchboardAndCallhome() {
    Map<String, Transcript> ref = new java.util.LinkedHashMap<>();
    Map<String, Transcript> hyp = new java.util.LinkedHashMap<>();
    ref.put("sw_4390-A_1", new Transcript("sw_4390-A_1", List.of("a", "b")));
    hyp.put("sw_4390-A_1", new Transcript("sw_4390-A_1", List.of("a", "b")));
    ref.put("en_4156-A_2", new Transcript("en_4156-A_2", List.of("a", "b")));
    hyp.put("en_4156-A_2", new Transcript("en_4156-A_2", List.of("a")));
    Scorer.Report r = Scorer.score(ref, hyp, TextFilter.defaults());
    assertEquals(0, r.subsets().get("SW").errors());
    assertEquals(1, r.subsets().get("CH").deletions());
    assertTrue(r.kaldiLines().contains("CH: %WER 50.00"), r.kaldiLines());
    assertTrue(r.resultTsv().contains("\nWER:CH\t50.00\t1\t2\t0\t1\t0\t"), r.resultTsv());
  }

  @Test
  void readsKaldiTextAndTrnAndRejectsUnknownHypotheses(@TempDir Path dir) throws Exception {
    Path k = dir.resolve("text");
    Files.writeString(k, "spk1-u1 HELLO WORLD\nspk1-u2\n");
    Path t = dir.resolve("hyp.trn");
    Files.writeString(t, "hello (spk1-u1)\n(spk1-u2)\n");
    Map<String, Transcript> ref = Transcripts.read(k, Transcripts.Format.AUTO);
    Map<String, Transcript> hyp = Transcripts.read(t, Transcripts.Format.AUTO);
    assertEquals(List.of(), ref.get("spk1-u2").words());
    Scorer.Report r = Scorer.score(ref, hyp, TextFilter.defaults());
    assertEquals(1, r.total().deletions());
    assertEquals(2, r.total().words());
    Map<String, Transcript> extra = Map.of("x-9", new Transcript("x-9", List.of("a")));
    assertThrows(
        IllegalArgumentException.class, () -> Scorer.score(ref, extra, TextFilter.defaults()));
    Path dup = dir.resolve("dup");
    Files.writeString(dup, "a-1 x\na-1 y\n");
    AsrInputException e =
        assertThrows(
            AsrInputException.class, () -> Transcripts.read(dup, Transcripts.Format.KALDI));
    assertEquals(2, e.line());
  }
}
