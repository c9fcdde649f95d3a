package org.asrnas.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.lm.LanguageModel;
import org.junit.jupiter.api.Test;

/** Unit and word times of the decoders against planted and forced alignments. */
class DecoderTimesTest {
  /** Spikes that always win: the decoders must return exactly the planted frames. */
  static final SyntheticLogProbs.Options CLEAN = new SyntheticLogProbs.Options(2.7, 0, 0, 12, 3.5);

  /** Target and competitor close: recognisable but uncertain. */
  static final SyntheticLogProbs.Options AMBIGUOUS =
      new SyntheticLogProbs.Options(2.7, 0, 0, 5.5, 4.5);

  static final Units UNITS = LexiconDecoderTestLexicon.UNITS;
  static final List<String> WORDS = List.of("A", "B", "C", "AB", "BCA", "CC");

  /** Runs of non-blank labels in a frame alignment, as spans (confidence ignored). */
  static List<int[]> runs(int[] path) {
    List<int[]> out = new ArrayList<>();
    for (int t = 0; t < path.length; t++) {
      if (path[t] != 0 && (t == 0 || path[t - 1] != path[t])) {
        int e = t + 1;
        while (e < path.length && path[e] == path[t]) {
          e++;
        }
        out.add(new int[] {t, e});
      }
    }
    return out;
  }

  static List<int[]> frames(List<Span> spans) {
    return spans.stream().map(s -> new int[] {s.startFrame(), s.endFrame()}).toList();
  }

  static void assertSameFrames(List<int[]> expected, List<Span> actual, String what) {
    List<int[]> got = frames(actual);
    assertEquals(expected.size(), got.size(), what + ": spans");
    for (int i = 0; i < got.size(); i++) {
      assertArrayEquals(expected.get(i), got.get(i), what + ": span " + i);
    }
  }

  static List<String> sentence(Random r) {
    List<String> s = new ArrayList<>();
    for (int i = 0, n = 2 + r.nextInt(6); i < n; i++) {
      s.add(WORDS.get(r.nextInt(WORDS.size())));
    }
    return s;
  }

  static LexiconDecoder lexiconDecoder(Lexicon lexicon, Units units, int nBest) {
    return new LexiconDecoder(
        LexiconTrie.build(lexicon, units),
        LanguageModel.NONE,
        LexiconDecoder.Options.defaults().withWordScore(-3).withNBest(nBest));
  }

  @Test
  void everyDecoderReturnsThePlantedFramesOnCleanInput() {
    Random r = new Random(21);
    Lexicon lex = LexiconDecoderTestLexicon.lexicon();
    GreedyDecoder greedy = new GreedyDecoder();
    PrefixBeamDecoder prefix = new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults());
    LexiconDecoder lexicon = lexiconDecoder(lex, UNITS, 1);
    for (int i = 0; i < 100; i++) {
      List<String> words = sentence(r);
      int[] ph = SyntheticLogProbs.phones(words, lex, UNITS);
      SyntheticLogProbs.Planted p = SyntheticLogProbs.plant(ph, UNITS.size(), r, CLEAN);
      List<int[]> planted = runs(p.path());
      Hypothesis g = greedy.best(p.logProbs());
      assertArrayEquals(ph, g.units());
      assertSameFrames(planted, g.unitSpans(), "greedy " + i);
      Hypothesis b = prefix.best(p.logProbs());
      assertArrayEquals(ph, b.units());
      assertSameFrames(planted, b.unitSpans(), "prefix " + i);
      assertEquals(g.unitSpans(), b.unitSpans(), "greedy and prefix confidences " + i);
      Hypothesis l = lexicon.best(p.logProbs());
      assertArrayEquals(ph, l.units(), "lexicon units are the pronunciations " + words);
      assertSameFrames(planted, l.unitSpans(), "lexicon " + i);
      assertEquals(l.words().size(), l.wordSpans().size());
      assertWordsCoverTheirUnits(l, lex, "lexicon " + i);
    }
  }

  @Test
  void greedyEqualsBeamOfOneIncludingSpans() {
    Random r = new Random(8);
    PrefixBeamDecoder beam1 =
        new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults().withBeamSize(1));
    GreedyDecoder greedy = new GreedyDecoder();
    for (int i = 0; i < 300; i++) {
      int units = 2 + r.nextInt(8);
      int frames = 1 + r.nextInt(60);
      int[] path = new int[frames];
      for (int t = 0; t < frames; t++) {
        path[t] = r.nextInt(units);
      }
      FloatMatrix m = TestMatrices.peaked(path, units, 0.95);
      Hypothesis g = greedy.best(m);
      Hypothesis b = beam1.best(m);
      assertArrayEquals(g.units(), b.units(), "case " + i);
      assertEquals(g.unitSpans(), b.unitSpans(), "case " + i + " " + Arrays.toString(path));
      assertSameFrames(runs(path), g.unitSpans(), "case " + i);
    }
  }

  /** Word i's span starts at its first unit and ends with its last; its units spell it. */
  static void assertWordsCoverTheirUnits(Hypothesis h, Lexicon lex, String what) {
    int[] units = h.units();
    List<Span> us = h.unitSpans();
    int k = 0;
    for (int w = 0; w < h.words().size(); w++) {
      Span ws = h.wordSpans().get(w);
      int first = k;
      while (k < us.size() && us.get(k).endFrame() <= ws.endFrame()) {
        assertTrue(us.get(k).startFrame() >= ws.startFrame(), what + ": unit inside its word");
        k++;
      }
      assertTrue(k > first, what + ": word " + w + " has units");
      assertEquals(ws.startFrame(), us.get(first).startFrame(), what + ": word start");
      assertEquals(ws.endFrame(), us.get(k - 1).endFrame(), what + ": word end");
      List<String> spelled = UNITS.decode(Arrays.copyOfRange(units, first, k));
      assertTrue(
          lex.pronunciations(h.words().get(w)).contains(spelled),
          what + ": " + spelled + " spells " + h.words().get(w));
      double logSum = 0;
      int frames = 0;
      for (int u = first; u < k; u++) {
        logSum += Math.log(us.get(u).confidence()) * us.get(u).frames();
        frames += us.get(u).frames();
      }
      assertEquals(Math.exp(logSum / frames), ws.confidence(), 1e-9, what + ": word confidence");
    }
    assertEquals(us.size(), k, what + ": every unit belongs to a word");
  }

  static void assertConsistent(Hypothesis h, int frames, String what) {
    assertEquals(h.units().length, h.unitSpans().size(), what + ": one span per unit");
    int prevEnd = 0;
    for (Span s : h.unitSpans()) {
      assertTrue(s.startFrame() >= prevEnd, what + ": spans in order, not overlapping");
      assertTrue(s.endFrame() <= frames, what + ": inside the utterance");
      prevEnd = s.endFrame();
    }
  }

  @Test
  void nBestHypothesesCarryConsistentSpans() {
    Random r = new Random(5);
    Lexicon lex = LexiconDecoderTestLexicon.lexicon();
    SyntheticLogProbs.Options noisy = new SyntheticLogProbs.Options(2.7, 0.3, 0.05, 6, 4);
    PrefixBeamDecoder prefix =
        new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults().withNBest(8));
    LexiconDecoder lexicon = lexiconDecoder(lex, UNITS, 8);
    int prefixHyps = 0;
    int lexiconHyps = 0;
    for (int i = 0; i < 40; i++) {
      int[] ph = SyntheticLogProbs.phones(sentence(r), lex, UNITS);
      FloatMatrix m = SyntheticLogProbs.generate(ph, UNITS.size(), r, noisy);
      for (Hypothesis h : prefix.decode(m)) {
        assertConsistent(h, m.rows(), "prefix " + i);
        prefixHyps++;
      }
      for (Hypothesis h : lexicon.decode(m)) {
        assertConsistent(h, m.rows(), "lexicon " + i);
        assertWordsCoverTheirUnits(h, lex, "lexicon n-best " + i);
        lexiconHyps++;
      }
    }
    assertTrue(prefixHyps > 100 && lexiconHyps > 100, prefixHyps + " " + lexiconHyps);
  }

  @Test
  void nBestSpansAreTheForcedAlignmentOfTheirOwnLabellingOnCleanInput() {
    // On clean input every alignment the beam keeps for a labelling is dominated by the forced
    // (Viterbi) one, so each n-best entry's spans equal the forced alignment of its own units.
    Random r = new Random(17);
    Lexicon lex = LexiconDecoderTestLexicon.lexicon();
    PrefixBeamDecoder prefix =
        new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults().withBeamSize(64).withNBest(4));
    for (int i = 0; i < 30; i++) {
      int[] ph = SyntheticLogProbs.phones(sentence(r), lex, UNITS);
      FloatMatrix m = SyntheticLogProbs.generate(ph, UNITS.size(), r, AMBIGUOUS);
      for (Hypothesis h : prefix.decode(m)) {
        CtcAlignment.Result forced = CtcAlignment.align(m, h.units());
        assertSameFrames(frames(forced.unitSpans()), h.unitSpans(), "n-best of " + i);
      }
    }
  }

  static double meanConfidence(List<Hypothesis> hyps, Function<Hypothesis, List<Span>> spans) {
    double sum = 0;
    int n = 0;
    for (Hypothesis h : hyps) {
      for (Span s : spans.apply(h)) {
        assertTrue(s.confidence() >= 0 && s.confidence() <= 1);
        sum += s.confidence();
        n++;
      }
    }
    return sum / n;
  }

  @Test
  void confidenceIsHigherOnCleanThanOnAmbiguousInput() {
    Lexicon lex = LexiconDecoderTestLexicon.lexicon();
    Map<String, double[]> conf = new LinkedHashMap<>();
    for (int pass = 0; pass < 2; pass++) {
      SyntheticLogProbs.Options o = pass == 0 ? CLEAN : AMBIGUOUS;
      Random r = new Random(33);
      List<Hypothesis> g = new ArrayList<>();
      List<Hypothesis> b = new ArrayList<>();
      List<Hypothesis> l = new ArrayList<>();
      GreedyDecoder greedy = new GreedyDecoder();
      PrefixBeamDecoder prefix = new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults());
      LexiconDecoder lexicon = lexiconDecoder(lex, UNITS, 1);
      for (int i = 0; i < 50; i++) {
        int[] ph = SyntheticLogProbs.phones(sentence(r), lex, UNITS);
        FloatMatrix m = SyntheticLogProbs.generate(ph, UNITS.size(), r, o);
        g.add(greedy.best(m));
        b.add(prefix.best(m));
        l.add(lexicon.best(m));
      }
      conf.computeIfAbsent("greedy", k -> new double[2])[pass] =
          meanConfidence(g, Hypothesis::unitSpans);
      conf.computeIfAbsent("prefix", k -> new double[2])[pass] =
          meanConfidence(b, Hypothesis::unitSpans);
      conf.computeIfAbsent("lexicon words", k -> new double[2])[pass] =
          meanConfidence(l, Hypothesis::wordSpans);
    }
    conf.forEach(
        (k, v) -> {
          assertTrue(v[0] > 0.95, k + " clean: " + v[0]);
          assertTrue(v[1] < 0.8, k + " ambiguous: " + v[1]);
        });
  }

  /** A random lexicon over {@code phones} phones: distinct pronunciations of 2-5 phones. */
  static Lexicon randomLexicon(Random r, int phones, int words) {
    Map<String, List<List<String>>> m = new LinkedHashMap<>();
    java.util.Set<List<String>> seen = new java.util.HashSet<>();
    while (m.size() < words) {
      List<String> p = new ArrayList<>();
      for (int i = 0, n = 2 + r.nextInt(4); i < n; i++) {
        p.add("p" + (1 + r.nextInt(phones)));
      }
      if (seen.add(p)) {
        m.put("W" + m.size(), List.of(p));
      }
    }
    return Lexicon.of(m);
  }

  @Test
  void wordMidpointsAgreeWithTheForcedAlignment() {
    // Issue 15's time target on synthetic CTC output (30 ms frames, default confusions and
    // insertions): at least 95% of the correctly recognised words have their midpoint within
    // 0.1 s (3 frames) of the forced alignment of the reference.
    Random r = new Random(2026);
    Lexicon lex = randomLexicon(r, 20, 300);
    List<String> phones = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      phones.add("p" + i);
    }
    Units units = Units.of(phones);
    List<String> vocab = new ArrayList<>(lex.words());
    LexiconDecoder lexicon =
        new LexiconDecoder(
            LexiconTrie.build(lex, units),
            LanguageModel.NONE,
            LexiconDecoder.Options.defaults().withWordScore(-2));
    GreedyDecoder greedy = new GreedyDecoder();
    double tolerance = 0.1 / 0.03;
    Spans.Agreement words = new Spans.Agreement(0, 0, 0);
    Spans.Agreement unitsAgree = new Spans.Agreement(0, 0, 0);
    for (int i = 0; i < 200; i++) {
      List<String> ref = new ArrayList<>();
      for (int k = 0, n = 3 + r.nextInt(10); k < n; k++) {
        ref.add(vocab.get(r.nextInt(vocab.size())));
      }
      int[] ph = SyntheticLogProbs.phones(ref, lex, units);
      FloatMatrix m =
          SyntheticLogProbs.generate(ph, units.size(), r, SyntheticLogProbs.Options.defaults());
      CtcAlignment.Result forced = CtcAlignment.align(m, ph);
      int[] perWord = ref.stream().mapToInt(w -> lex.pronunciations(w).get(0).size()).toArray();
      List<Span> refWords = forced.wordSpans(perWord);
      Hypothesis h = lexicon.best(m);
      words =
          words.plus(Spans.midpointAgreement(h.words(), h.wordSpans(), ref, refWords, tolerance));
      Hypothesis g = greedy.best(m);
      unitsAgree =
          unitsAgree.plus(
              Spans.midpointAgreement(
                  units.decode(g.units()),
                  g.unitSpans(),
                  units.decode(ph),
                  forced.unitSpans(),
                  tolerance));
    }
    assertTrue(words.matched() > 0.7 * words.referenceTokens(), "words recognised: " + words);
    assertTrue(words.withinShare() >= 0.95, "word midpoints within 0.1 s: " + words);
    assertTrue(unitsAgree.matched() > 0.7 * unitsAgree.referenceTokens(), "" + unitsAgree);
    assertTrue(unitsAgree.withinShare() >= 0.95, "unit midpoints within 0.1 s: " + unitsAgree);
  }
}
