package org.asrnas.decoder.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StmCtmScorerTest {
  static Path golden(String name) throws Exception {
    return Path.of(
        StmCtmScorerTest.class.getResource("/org/asrnas/decoder/score/stmctm/" + name).toURI());
  }

  /**
   * Goldens made by {@code scripts/golden/sclite_parity.py --stm-ctm [--glm] --pairs 1 --files 12
   * --seed 7} from sclite 2.10 ({@code -F -D}; with the GLM, both files through {@code csrfilt.sh
   * -dh}): 12 recordings, 2 channels, 72 scored segments, ignored and empty segments, a channel
   * without hypothesis words, words between, before and after segments.
   */
  @Test
  void countsEqualScliteOnTheGoldenPair() throws Exception {
    checkGolden(StmCtmScorer.Options.defaults(), "");
  }

  @Test
  void countsEqualCsrfiltAndScliteWithTheGlm() throws Exception {
    checkGolden(
        StmCtmScorer.Options.defaults().withGlm(TextFilter.readGlm(golden("rules.glm"), false)),
        "_glm");
  }

  private static void checkGolden(StmCtmScorer.Options o, String suffix) throws Exception {
    Scorer.Report r =
        StmCtmScorer.score(
            TimedTranscripts.readStm(golden("ref.stm")),
            TimedTranscripts.readCtm(golden("hyp.ctm")),
            o);
    List<String> seg = Files.readAllLines(golden("sclite_segments" + suffix + ".tsv"));
    assertEquals(73, seg.size());
    assertEquals(72, r.utterances().size());
    Map<String, ErrorCounts> byId = new HashMap<>();
    r.utterances().forEach(u -> byId.put(u.id(), u.counts()));
    for (String line : seg.subList(1, seg.size())) {
      String[] f = line.split("\t");
      ErrorCounts c = byId.get(f[0]);
      assertEquals(
          Arrays.asList(f).subList(1, 5),
          List.of(
              "" + c.correct(), "" + c.substitutions(), "" + c.deletions(), "" + c.insertions()),
          f[0]);
    }
    List<String> spk = Files.readAllLines(golden("sclite_speakers" + suffix + ".tsv"));
    for (String line : spk.subList(1, spk.size())) {
      String[] f = line.split("\t");
      ErrorCounts c = f[0].equals("Sum") ? r.total() : r.speakers().get(f[0]);
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

  private static StmSegment seg(String spk, double t1, double t2, String text) {
    return new StmSegment(
        "f1", "A", spk, t1, t2, "", text.isEmpty() ? List.of() : List.of(text.split(" ")), 0);
  }

  private static CtmWord word(double begin, double dur, String w) {
    return new CtmWord("f1", "A", begin, dur, w, Double.NaN, 0);
  }

  private static List<List<String>> hyps(Scorer.Report r) {
    return r.utterances().stream().map(Scorer.UtteranceScore::hyp).toList();
  }

  @Test
  void wordsGoToTheSegmentWhoseEndTheirMidpointPrecedes() {
    List<StmSegment> stm =
        List.of(seg("s1", 1.0, 2.0, "a b"), seg("s1", 3.0, 4.0, "c"), seg("s2", 5.0, 6.0, "d"));
    List<CtmWord> ctm =
        List.of(
            word(0.1, 0.2, "x"), // before the first segment: an insertion there
            word(1.2, 0.2, "a"),
            word(1.9, 0.2, "b"), // midpoint 2.0 = end of segment 1: belongs to segment 2
            word(2.5, 0.2, "y"), // in the gap: next segment
            word(3.5, 0.2, "c"),
            word(7.0, 0.5, "z")); // after the last segment: the last one takes it
    Scorer.Report r = StmCtmScorer.score(stm, ctm, StmCtmScorer.Options.defaults());
    assertEquals(List.of(List.of("x", "a"), List.of("b", "y", "c"), List.of("z")), hyps(r));
    assertEquals(
        List.of("s1-000", "s1-001", "s2-000"),
        r.utterances().stream().map(Scorer.UtteranceScore::id).toList());
    assertEquals(4, r.total().words());
    assertEquals(
        List.of(2L, 1L, 1L, 3L),
        List.of(
            r.total().correct(),
            r.total().substitutions(),
            r.total().deletions(),
            r.total().insertions()));
  }

  @Test
  void theStandInStmLetsSwitchboardScoringDropHesitations() {
    // --switchboard drops fillers from the CTM only (Kaldi's score_sclite.sh), so the stand-in's
    // STM must mark them as LDC's does, (%HESITATION), or each spoken "um" is a deletion.
    String spoken = "UM I THINK SO UH RIGHT";
    assertEquals(
        "(%HESITATION) I THINK SO (%HESITATION) RIGHT",
        org.asrnas.corpus.SwbdStandIn.stmTranscript(spoken));
    StmCtmScorer.Options sb = StmCtmScorer.Options.defaults().withSwitchboard(true);
    List<CtmWord> ctm = new java.util.ArrayList<>();
    String[] w = spoken.toLowerCase(java.util.Locale.ROOT).split(" ");
    for (int i = 0; i < w.length; i++) {
      ctm.add(word(1.0 + 0.3 * i, 0.2, w[i]));
    }
    Scorer.Report marked =
        StmCtmScorer.score(
            List.of(seg("s", 0.9, 3.0, org.asrnas.corpus.SwbdStandIn.stmTranscript(spoken))),
            ctm,
            sb);
    assertEquals(0, marked.total().errors());
    // sclite -D counts an optionally deletable reference word that the hypothesis lacks as correct
    assertEquals(6, marked.total().correct());
    Scorer.Report bare = StmCtmScorer.score(List.of(seg("s", 0.9, 3.0, spoken)), ctm, sb);
    assertEquals(2, bare.total().deletions());
  }

  @Test
  void segmentEndsAreSinglePrecisionAsInSclite() {
    // 13.80 + 0.10 / 2 is just above the double 13.85 but below the float 13.85f
    List<StmSegment> stm = List.of(seg("s", 13.03, 13.85, "w"), seg("s", 14.0, 15.0, ""));
    Scorer.Report r =
        StmCtmScorer.score(stm, List.of(word(13.80, 0.10, "w")), StmCtmScorer.Options.defaults());
    assertEquals(List.of(List.of("w"), List.of()), hyps(r));
  }

  @Test
  void ignoredSegmentsDropTheirWordsAndEmptyChannelsAreDeletions() {
    List<StmSegment> stm =
        List.of(
            seg("s", 0.0, 1.0, "a"),
            seg("s", 1.0, 2.0, "IGNORE_TIME_SEGMENT_IN_SCORING"),
            seg("s", 2.0, 3.0, "b"),
            new StmSegment("f1", "B", "t", 0, 1, "", List.of("c", "d"), 0));
    List<CtmWord> ctm = List.of(word(0.2, 0.2, "a"), word(1.2, 0.2, "junk"), word(2.2, 0.2, "b"));
    Scorer.Report r = StmCtmScorer.score(stm, ctm, StmCtmScorer.Options.defaults());
    assertEquals(3, r.total().sentences());
    assertEquals(2, r.total().correct());
    assertEquals(0, r.total().insertions());
    assertEquals(2, r.total().deletions());
    assertEquals(1, r.missingHypotheses());
  }

  @Test
  void wordsOfAChannelWithoutSegmentsAreRejected() {
    List<CtmWord> ctm = List.of(new CtmWord("f2", "A", 0, 1, "x", Double.NaN, 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StmCtmScorer.score(
                    List.of(seg("s", 0, 1, "x")), ctm, StmCtmScorer.Options.defaults()));
    assertTrue(e.getMessage().contains("'f2'"), e.getMessage());
  }

  @Test
  void optionallyDeletableAndFragmentWordsAsScliteMinusFMinusD() {
    Alignment a = Aligner.align(List.of("(uh)", "wor-", "ok"), List.of("word", "ok"), true, true);
    assertEquals(
        List.of(Alignment.Op.CORRECT, Alignment.Op.CORRECT, Alignment.Op.CORRECT),
        a.edits().stream().map(Alignment.Edit::op).toList());
    assertEquals(3, ErrorCounts.of(a).words());
    // without -F and -D they are plain words
    Alignment b = Aligner.align(List.of("(uh)", "wor-", "ok"), List.of("word", "ok"), false, false);
    assertEquals(2, b.count(Alignment.Op.SUBSTITUTION) + b.count(Alignment.Op.DELETION));
    // -ing matches a word ending in ing; (uh) said is correct too
    Alignment c = Aligner.align(List.of("-ing", "(uh)"), List.of("going", "uh"), true, true);
    assertEquals(2, c.count(Alignment.Op.CORRECT));
  }

  @Test
  void csrfiltMapsInsideParenthesesSplitsHyphensAndSharesDurations() {
    CsrFilter f =
        new CsrFilter(
            Map.of(List.of("uh"), List.of("%hesitation"), List.of("w6"), List.of("w7", "w8")),
            true);
    assertEquals(
        List.of("(%hesitation)", "uh", "huh", "wor-", "(w7)", "(w8)"),
        f.apply(List.of("(uh)", "uh-huh", "wor-", "(w6)")));
    List<CtmWord> split = f.apply(new CtmWord("f", "A", 1.0, 0.25, "mm-hmm", 0.5, 9));
    assertEquals(2, split.size());
    assertEquals("mm", split.get(0).word());
    assertEquals(1.0, split.get(0).beginSeconds());
    assertEquals(0.125, split.get(0).durationSeconds()); // %.3f of 0.125: exact, kept
    assertEquals(1.125, split.get(1).beginSeconds());
    assertEquals(0.333, CsrFilter.threeDecimals(1.0 / 3));
  }

  @Test
  void malformedLinesNameTheFileAndLine(@TempDir Path dir) throws Exception {
    Path stm = dir.resolve("ref.stm");
    Files.writeString(stm, ";; ok\nf A s 1.0 2.0 fine\nf A s 3.0 x bad\n");
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> TimedTranscripts.readStm(stm));
    assertTrue(e.getMessage().contains("ref.stm:3"), e.getMessage());
    assertTrue(e.getMessage().contains("end time 'x'"), e.getMessage());
    Files.writeString(stm, "f A s 1.0 2.0 { a / b }\n");
    e = assertThrows(AsrInputException.class, () -> TimedTranscripts.readStm(stm));
    assertTrue(e.getMessage().contains("alternations"), e.getMessage());
    Path ctm = dir.resolve("hyp.ctm");
    Files.writeString(ctm, "f A 1.0 0.2 w 0.9\nf A 1.2 w\n");
    e = assertThrows(AsrInputException.class, () -> TimedTranscripts.readCtm(ctm));
    assertTrue(e.getMessage().contains("hyp.ctm:2"), e.getMessage());
    Files.writeString(ctm, "f A 1.0 -0.2 w\n");
    e = assertThrows(AsrInputException.class, () -> TimedTranscripts.readCtm(ctm));
    assertTrue(e.getMessage().contains("negative duration"), e.getMessage());
    Files.writeString(ctm, ";; comment\nf A 1.0 0.2 w NA\nf A 1.5 0.2 v 0.25\n");
    List<CtmWord> w = TimedTranscripts.readCtm(ctm);
    assertTrue(Double.isNaN(w.get(0).confidence()));
    assertEquals(0.25, w.get(1).confidence());
    assertEquals(3, w.get(1).line());
  }

  @Test
  void glmRulesMayHaveBracketsAndTrailingComments(@TempDir Path dir) throws Exception {
    Path glm = dir.resolve("hub5.glm");
    Files.writeString(
        glm,
        ";; as in SCTK's en20030506.glm, CRLF line ends\r\n"
            + "* name \"test\"\r\n"
            + "UH-HUH  =>  %BCACK     / [ ] __ [ ] ;; affirmative token\r\n"
            + "[WEREN'T] => [WERE NOT] / [ ] __ [ ]\r\n"
            + "GONNA            => GOING TO ;; ISIP doc\r\n");
    Map<List<String>, List<String>> rules = TextFilter.readGlm(glm, false);
    assertEquals(List.of("%bcack"), rules.get(List.of("uh-huh")));
    assertEquals(List.of("were", "not"), rules.get(List.of("weren't")));
    assertEquals(List.of("going", "to"), rules.get(List.of("gonna")));
    assertEquals(3, rules.size());
  }

  @Test
  void glmSectionsApplyByInputTypeAndPurposeAsCsrfilt(@TempDir Path dir) throws Exception {
    Path glm = dir.resolve("hub5.glm");
    Files.writeString(
        glm,
        "UH => %HESITATION / [ ] __ [ ]\n"
            + ";; INPUT_DEPENDENT_APPLICATION = \"ctm\"\n"
            + "[COULD'VE] => [COULD HAVE] / [ ] __ [ ]\n"
            + ";; INPUT_DEPENDENT_APPLICATION = \"ref|stm\"\n"
            + "W1 => W2 / [ ] __ [ ]\n");
    Map<List<String>, List<String>> ref = TextFilter.readGlm(glm, false, "stm", "ref");
    Map<List<String>, List<String>> hyp = TextFilter.readGlm(glm, false, "ctm", "hyp");
    assertEquals(List.of(List.of("uh"), List.of("w1")), List.copyOf(ref.keySet()));
    assertEquals(List.of(List.of("uh"), List.of("could've")), List.copyOf(hyp.keySet()));
    assertEquals(3, TextFilter.readGlm(glm, false).size());
    // the hypothesis "could've" becomes two words; the reference keeps its contraction
    Scorer.Report r =
        StmCtmScorer.score(
            List.of(seg("s", 0, 2, "could've w1")),
            List.of(word(0.1, 0.4, "could've"), word(1.0, 0.2, "w2")),
            StmCtmScorer.Options.defaults().withGlm(ref, hyp));
    assertEquals(List.of(List.of("could", "have", "w2")), hyps(r));
    assertEquals(List.of("could've", "w2"), r.utterances().get(0).ref());
  }
}
