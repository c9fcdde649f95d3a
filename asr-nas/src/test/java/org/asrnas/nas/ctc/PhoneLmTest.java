package org.asrnas.nas.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoneLmTest {
  @TempDir Path tmp;

  @Test
  void aBigramModelIsTheRelativeFrequencies() {
    // "1 2", "1 3", "2": P(1|<s>) = 2/3, P(2|1) = 1/2, P(</s>|2) = 1 ...
    List<int[]> s = List.of(new int[] {1, 2}, new int[] {1, 3}, new int[] {2});
    PhoneLm lm = PhoneLm.estimate(s, 4, PhoneLm.Options.of(2));
    assertEquals(Math.log(2 / 3.0 * 1 / 2.0 * 1), lm.logProb(new int[] {1, 2}), 1e-12);
    assertEquals(Math.log(1 / 3.0 * 1), lm.logProb(new int[] {2}), 1e-12);
    // an unseen bigram (3 after 2) has probability 0: no smoothing, by design
    assertEquals(Double.NEGATIVE_INFINITY, lm.logProb(new int[] {2, 3}), 0.0);
    // states: <s>, 1, 2, 3
    assertEquals(4, lm.numStates());
  }

  @Test
  void theModelIsAProperDistributionOverSentences() {
    for (PhoneLm.Options o :
        List.of(
            PhoneLm.Options.of(2),
            PhoneLm.Options.of(3),
            PhoneLm.Options.of(4),
            new PhoneLm.Options(4, 3, 1))) {
      PhoneLm lm = PhoneLm.estimate(CtcCrfLossTest.SENTENCES, 4, o);
      // push the probability mass through the acceptor; what ends is sum_l p(l) -> 1
      double[] mass = new double[lm.numStates()];
      mass[lm.start()] = 1;
      double ended = 0;
      for (int step = 0; step < 400; step++) {
        double[] next = new double[mass.length];
        for (int s = 0; s < mass.length; s++) {
          ended += mass[s] * Math.exp(lm.finalLogProb(s));
          int[] n = lm.next(s);
          double[] lp = lm.logProbs(s);
          for (int i = 0; i < n.length; i++) {
            next[n[i]] += mass[s] * Math.exp(lp[i]);
          }
        }
        mass = next;
      }
      assertEquals(1.0, ended, 1e-9, o.toString());
      for (int[] sent : CtcCrfLossTest.SENTENCES) {
        assertTrue(Double.isFinite(lm.logProb(sent)), "training sentences are in the model");
      }
    }
  }

  @Test
  void pruningKeepsOnlyTheMostFrequentLongContexts() {
    PhoneLm full = PhoneLm.estimate(CtcCrfLossTest.SENTENCES, 4, new PhoneLm.Options(4, 3, 1000));
    PhoneLm pruned = PhoneLm.estimate(CtcCrfLossTest.SENTENCES, 4, new PhoneLm.Options(4, 3, 2));
    PhoneLm none = PhoneLm.estimate(CtcCrfLossTest.SENTENCES, 4, new PhoneLm.Options(4, 3, 0));
    PhoneLm trigram = PhoneLm.estimate(CtcCrfLossTest.SENTENCES, 4, PhoneLm.Options.of(3));
    assertTrue(full.numStates() > pruned.numStates(), full.numStates() + " " + pruned.numStates());
    assertTrue(pruned.numStates() >= none.numStates());
    // without extra states a 4-gram model is the trigram model
    assertEquals(trigram.numStates(), none.numStates());
    for (int[] s : CtcCrfLossTest.SENTENCES) {
      assertEquals(trigram.logProb(s), none.logProb(s), 1e-12);
    }
    // more context never lowers the training likelihood of an ML model
    double lf = 0;
    double lp = 0;
    for (int[] s : CtcCrfLossTest.SENTENCES) {
      lf += full.logProb(s);
      lp += pruned.logProb(s);
    }
    assertTrue(lf >= lp - 1e-12 && lp >= sum(trigram) - 1e-12);
  }

  private static double sum(PhoneLm lm) {
    double l = 0;
    for (int[] s : CtcCrfLossTest.SENTENCES) {
      l += lm.logProb(s);
    }
    return l;
  }

  @Test
  void writeThenReadGivesTheSameModel() throws Exception {
    Path unitsFile = tmp.resolve("units.txt");
    Files.write(unitsFile, List.of("<blk> 0", "a 1", "b 2", "c 3"));
    Units units = Units.read(unitsFile);
    PhoneLm lm = PhoneLm.estimate(CtcCrfLossTest.SENTENCES, 4, PhoneLm.Options.of(4));
    Path f = tmp.resolve("phone_lm.fst.txt");
    lm.write(f, units);
    PhoneLm back = PhoneLm.read(f, units, unitsFile);
    assertEquals(lm.numStates(), back.numStates());
    assertEquals(lm.numArcs(), back.numArcs());
    for (int[] s : CtcCrfLossTest.SENTENCES) {
      assertEquals(lm.logProb(s), back.logProb(s), 1e-12);
    }
  }

  @Test
  void aModelOfOtherUnitsIsAnErrorNamingBothFiles() throws Exception {
    Path unitsFile = tmp.resolve("units.txt");
    Files.write(unitsFile, List.of("<blk> 0", "a 1", "b 2", "c 3"));
    PhoneLm lm = PhoneLm.estimate(CtcCrfLossTest.SENTENCES, 4, PhoneLm.Options.of(3));
    Path f = tmp.resolve("phone_lm.fst.txt");
    lm.write(f, Units.read(unitsFile));
    Path other = tmp.resolve("other-units.txt");
    Files.write(other, List.of("<blk> 0", "a 1", "b 2", "d 3"));
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> PhoneLm.read(f, Units.read(other), other));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(other.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'c'"), e.getMessage());
  }
}
