package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asrnas.nas.ctc.CtcLoss;
import org.junit.jupiter.api.Test;

class HeldOutTallyTest {
  /** One-hot activations (time, vocab 4) per utterance, the given unit best in each frame. */
  private static float[] batch(int time, int[]... best) {
    float[] act = new float[best.length * time * 4];
    for (int b = 0; b < best.length; b++) {
      for (int t = 0; t < best[b].length; t++) {
        act[(b * time + t) * 4 + best[b][t]] = 5f;
      }
    }
    return act;
  }

  @Test
  void greedyErrorsAndLossOverUtterancesOfABatch() {
    // utterance 0: blank, 2, 2, blank, 2, 3 -> 2 2 3 against 2 3: one insertion;
    // utterance 1, 3 of 6 frames (the 3s after its length must not count): 1 -> against 1 2,
    // one deletion; its loss is skipped (no alignment)
    float[] act = batch(6, new int[] {0, 2, 2, 0, 2, 3}, new int[] {1, 1, 0, 3, 3, 3});
    CtcLoss.Result r =
        new CtcLoss.Result(new double[] {4.0, 100.0}, new boolean[] {false, true}, 4.0, null);
    HeldOutTally tally = new HeldOutTally();
    tally.add(act, 2, 6, 4, new int[] {6, 3}, new int[][] {{2, 3}, {1, 2}}, r);
    assertEquals(4.0, tally.loss(), 1e-12, "skipped utterances leave the loss");
    assertEquals(1, tally.utterances());
    assertEquals(100.0 * 2 / 4, tally.per(), 1e-12, "frames past an utterance's length unused");
    tally.add(act, 1, 6, 4, new int[] {6}, new int[][] {{2, 2, 3}}, r);
    assertEquals(100.0 * 2 / 7, tally.per(), 1e-12);
    assertEquals(4.0, tally.loss(), 1e-12);
  }

  @Test
  void emptyTallyIsNaN() {
    HeldOutTally tally = new HeldOutTally();
    assertTrue(Double.isNaN(tally.loss()));
    assertTrue(Double.isNaN(tally.per()));
  }

  @Test
  void editDistanceCountsSubstitutionsInsertionsAndDeletions() {
    assertEquals(1, HeldOutTally.editDistance(new int[] {2, 3}, new int[] {2, 2, 3}));
    assertEquals(2, HeldOutTally.editDistance(new int[] {1, 2}, new int[] {}));
    assertEquals(1, HeldOutTally.editDistance(new int[] {1, 2, 3}, new int[] {1, 4, 3}));
    assertEquals(3, HeldOutTally.editDistance(new int[] {}, new int[] {5, 5, 5}));
  }
}
