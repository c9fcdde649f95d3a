package org.asrnas.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.lm.LanguageModel;
import org.junit.jupiter.api.Test;

class SyntheticLogProbsTest {
  @Test
  void withoutConfusionsGreedyRecoversTheForcedPath() {
    Units units = LexiconDecoderTestLexicon.UNITS;
    int[] ph =
        SyntheticLogProbs.phones(
            List.of("AB", "BCA", "A", "A"), LexiconDecoderTestLexicon.lexicon(), units);
    assertArrayEquals(new int[] {1, 2, 2, 3, 1, 1, 1}, ph);
    SyntheticLogProbs.Options clean = new SyntheticLogProbs.Options(2.7, 0, 0, 9, -3);
    Random r = new Random(4);
    for (int i = 0; i < 20; i++) {
      FloatMatrix m = SyntheticLogProbs.generate(ph, units.size(), r, clean);
      for (int t = 0; t < m.rows(); t++) {
        double sum = 0;
        for (int u = 0; u < m.cols(); u++) {
          sum += Math.exp(m.get(t, u));
        }
        assertEquals(1.0, sum, 1e-4, "row " + t + " is a distribution");
      }
      assertArrayEquals(ph, new GreedyDecoder().best(m).units());
    }
    assertNull(
        SyntheticLogProbs.phones(List.of("ZEBRA"), LexiconDecoderTestLexicon.lexicon(), units));
  }

  @Test
  void confusionsMakeGreedyErrAndTheLexiconRepairsSome() {
    Units units = LexiconDecoderTestLexicon.UNITS;
    int[] ph =
        SyntheticLogProbs.phones(List.of("BCA", "AB"), LexiconDecoderTestLexicon.lexicon(), units);
    SyntheticLogProbs.Options noisy = new SyntheticLogProbs.Options(2.7, 0.3, 0, 7, 3.5);
    Random r = new Random(9);
    LexiconDecoder lex =
        new LexiconDecoder(
            LexiconTrie.build(LexiconDecoderTestLexicon.lexicon(), units),
            LanguageModel.NONE,
            LexiconDecoder.Options.defaults().withWordScore(-3));
    int greedyWrong = 0;
    int lexiconRight = 0;
    for (int i = 0; i < 100; i++) {
      FloatMatrix m = SyntheticLogProbs.generate(ph, units.size(), r, noisy);
      if (!java.util.Arrays.equals(ph, new GreedyDecoder().best(m).units())) {
        greedyWrong++;
        if (lex.best(m).words().equals(List.of("BCA", "AB"))) {
          lexiconRight++;
        }
      }
    }
    assertTrue(greedyWrong > 30, "confusions show: " + greedyWrong);
    assertTrue(lexiconRight > 0, "the lexicon repairs some: " + lexiconRight);
  }

  @Test
  void characterUnitsPrintAsWords() {
    Units chars = Units.of(List.of(Units.SPACE, "a", "b"));
    DecoderSetup s = DecoderSetup.of(chars, Optional.empty(), LanguageModel.NONE);
    Hypothesis h = new Hypothesis(new int[] {2, 3, 1, 2, 1}, List.of(), 0, 0, 0);
    assertEquals("ab a", s.text(h));
    DecoderSetup phones =
        DecoderSetup.of(LexiconDecoderTestLexicon.UNITS, Optional.empty(), LanguageModel.NONE);
    assertEquals("a b c", phones.text(new Hypothesis(new int[] {1, 2, 3}, List.of(), 0, 0, 0)));
  }
}
