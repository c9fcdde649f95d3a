package org.asrnas.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.lm.ArpaModel;
import org.asrnas.decoder.lm.KneserNeyEstimator;
import org.asrnas.decoder.lm.LanguageModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconDecoderTest {
  static Units units = Units.of(List.of("a", "b", "c"));
  static Lexicon lexicon;
  static ArpaModel lm;

  @BeforeAll
  static void setUp(@TempDir Path dir) throws Exception {
    Map<String, List<List<String>>> m = new LinkedHashMap<>();
    m.put("A", List.of(List.of("a")));
    m.put("EH", List.of(List.of("a"))); // homophone of A, not in the LM
    m.put("B", List.of(List.of("b")));
    m.put("AB", List.of(List.of("a", "b")));
    m.put("BA", List.of(List.of("b", "a"), List.of("b", "c"))); // two pronunciations
    m.put("AA", List.of(List.of("a", "a")));
    m.put("BB", List.of(List.of("b", "b"))); // not in the LM
    m.put("CAB", List.of(List.of("c", "a", "b")));
    m.put("ZZ", List.of(List.of("z"))); // unit unknown to the model: skipped
    lexicon = Lexicon.of(m);
    KneserNeyEstimator e = new KneserNeyEstimator(KneserNeyEstimator.Options.ofOrder(3));
    for (String s : List.of("A B", "AB A", "BA", "A A B", "CAB A", "B AB", "AA", "A CAB B")) {
      e.add(Arrays.asList(s.split(" ")));
    }
    Path arpa = dir.resolve("lm.arpa");
    e.write(arpa);
    lm = ArpaModel.read(arpa);
  }

  /** Best score and word sequence by enumerating every alignment and every segmentation. */
  record Best(double score, List<String> words, double second) {}

  static Best bruteForce(FloatMatrix m, LanguageModel model, LexiconDecoder.Options o) {
    double[] best = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    List<List<String>> bestWords = new ArrayList<>(List.of(List.of()));
    Map<String, Double> byWords = new LinkedHashMap<>();
    TestMatrices.forEachAlignment(
        m.rows(),
        m.cols(),
        a -> {
          double am = 0;
          for (int t = 0; t < a.length; t++) {
            am += m.get(t, a[t]);
          }
          int[] seq = TestMatrices.collapse(a);
          for (List<String> words : segmentations(seq, 0)) {
            double s = am + o.wordScore() * words.size() + o.lmWeight() * lmScore(model, words);
            byWords.merge(String.join(" ", words), s, Math::max);
          }
        });
    byWords.forEach(
        (w, s) -> {
          if (s > best[0]) {
            best[1] = best[0];
            best[0] = s;
            bestWords.set(0, w.isEmpty() ? List.of() : Arrays.asList(w.split(" ")));
          } else if (s > best[1]) {
            best[1] = s;
          }
        });
    return new Best(best[0], bestWords.get(0), best[1]);
  }

  static double lmScore(LanguageModel model, List<String> words) {
    int s = model.startState();
    double total = 0;
    for (String w : words) {
      long r = model.score(s, model.wordId(w));
      total += LanguageModel.scoreOf(r);
      s = LanguageModel.stateOf(r);
    }
    if (model.endId() != LanguageModel.UNKNOWN) {
      total += LanguageModel.scoreOf(model.score(s, model.endId()));
    }
    return total;
  }

  static List<List<String>> segmentations(int[] seq, int from) {
    List<List<String>> out = new ArrayList<>();
    if (from == seq.length) {
      out.add(List.of());
      return out;
    }
    for (String w : lexicon.words()) {
      for (List<String> p : lexicon.pronunciations(w)) {
        if (!p.stream().allMatch(units::contains)) {
          continue;
        }
        int[] u = units.encode(p);
        if (from + u.length <= seq.length
            && Arrays.equals(u, Arrays.copyOfRange(seq, from, from + u.length))) {
          for (List<String> rest : segmentations(seq, from + u.length)) {
            List<String> l = new ArrayList<>();
            l.add(w);
            l.addAll(rest);
            out.add(l);
          }
        }
      }
    }
    return out;
  }

  @Test
  void wideBeamEqualsBruteForceOverWordSequences() {
    LexiconTrie trie = LexiconTrie.build(lexicon, units);
    assertEquals(List.of("ZZ"), trie.skippedWords());
    Random r = new Random(17);
    int compared = 0;
    for (int i = 0; i < 150; i++) {
      int frames = 1 + r.nextInt(5);
      FloatMatrix m = TestMatrices.random(r, frames, units.size(), 2.0);
      LexiconDecoder.Options o =
          LexiconDecoder.Options.defaults()
              .withBeamSize(10_000)
              .withBeamThreshold(1e9)
              .withLmWeight(r.nextDouble() * 2)
              .withWordScore(r.nextDouble() * 4 - 2);
      LanguageModel model = i % 5 == 4 ? LanguageModel.NONE : lm;
      Best exact = bruteForce(m, model, o);
      Hypothesis h = new LexiconDecoder(trie, model, o).best(m);
      assertEquals(exact.score(), h.score(), 1e-4, "case " + i);
      if (exact.second() < exact.score() - 1e-6) {
        assertEquals(exact.words(), h.words(), "case " + i);
        compared++;
      }
      assertEquals(
          h.score(),
          h.acousticScore() + o.lmWeight() * h.lmScore() + o.wordScore() * h.words().size(),
          1e-4);
    }
    assertTrue(compared > 100, "most cases have a unique best");
  }

  @Test
  void peakedInputGivesTheSpokenWordsAndNBestIsDistinctAndSorted() {
    // "c a b <blk> a <blk> b" -> CAB A B (or CAB AB without the blank... the LM decides)
    int[] path = {0, 3, 3, 1, 2, 0, 0, 1, 0, 2, 2, 0};
    FloatMatrix m = TestMatrices.peaked(path, units.size(), 0.9);
    LexiconDecoder d =
        new LexiconDecoder(
            LexiconTrie.build(lexicon, units),
            lm,
            LexiconDecoder.Options.defaults().withNBest(5).withLmWeight(0.5));
    List<Hypothesis> nbest = d.decode(m);
    assertEquals(List.of("CAB", "A", "B"), nbest.get(0).words());
    assertTrue(nbest.size() > 1);
    for (int i = 1; i < nbest.size(); i++) {
      assertTrue(nbest.get(i).score() <= nbest.get(i - 1).score());
      assertTrue(!nbest.get(i).words().equals(nbest.get(0).words()));
    }
  }

  @Test
  void unknownWordScoreEmitsUnkForNonWordPrefixes() {
    // "c" alone is no word; only an <unk> can explain it
    FloatMatrix m = TestMatrices.peaked(new int[] {0, 3, 3, 0}, units.size(), 0.99);
    LexiconTrie trie = LexiconTrie.build(lexicon, units);
    Hypothesis without = new LexiconDecoder(trie, lm, LexiconDecoder.Options.defaults()).best(m);
    assertTrue(!without.words().contains("<unk>"));
    Hypothesis with =
        new LexiconDecoder(trie, lm, LexiconDecoder.Options.defaults().withUnkScore(0)).best(m);
    assertEquals(List.of("<unk>"), with.words());
  }
}
