package org.asrnas.nas.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtcLossTest {
  private static final double TOL = 1e-4;

  @Test
  void lossesAndGradientsMatchTorchCtcLoss() throws IOException {
    List<CtcGoldens.Case> cases = CtcGoldens.load();
    assertEquals(6, cases.size());
    CtcLoss ctc = new CtcLoss(2);
    double worstGrad = 0;
    for (CtcGoldens.Case c : cases) {
      float[] act = c.activations();
      CtcLoss.Result r =
          ctc.compute(
              act,
              c.batch(),
              c.time(),
              c.vocab(),
              c.inputLengths(),
              c.targets(),
              CtcLoss.Reduction.SUM);
      for (int b = 0; b < c.batch(); b++) {
        assertEquals(c.lossNone()[b], r.losses()[b], TOL, "loss of utterance " + b);
        for (int j = 0; j < c.frames()[b].length; j++) {
          int t = c.frames()[b][j];
          for (int k = 0; k < c.vocab(); k++) {
            float got = r.gradient()[(b * c.time() + t) * c.vocab() + k];
            float want = c.grad()[b][j][k];
            worstGrad = Math.max(worstGrad, Math.abs(got - want));
            assertEquals(want, got, TOL, "grad b=" + b + " t=" + t + " k=" + k);
          }
        }
      }
      assertEquals(c.lossSum(), r.loss(), TOL * c.batch());
      CtcLoss.Result mean =
          ctc.compute(
              act,
              c.batch(),
              c.time(),
              c.vocab(),
              c.inputLengths(),
              c.targets(),
              CtcLoss.Reduction.MEAN);
      assertEquals(c.lossMean(), mean.loss(), TOL);
    }
    assertTrue(worstGrad < TOL, "worst gradient difference " + worstGrad);
  }

  @Test
  void impossibleAlignmentsAreSkippedAndCountedNeverNaN() {
    // target "1 1" needs 3 frames (a blank between the repeats); 2 frames are not enough
    float[] act = new float[2 * 2 * 3];
    CtcLoss.Result r =
        new CtcLoss(1)
            .compute(
                act,
                2,
                2,
                3,
                new int[] {2, 2},
                new int[][] {{1, 1}, {1, 2}},
                CtcLoss.Reduction.SUM);
    assertTrue(r.skipped()[0]);
    assertFalse(r.skipped()[1]);
    assertEquals(1, r.skippedCount());
    assertEquals(0.0, r.losses()[0]);
    assertTrue(Double.isFinite(r.loss()));
    for (int i = 0; i < 6; i++) {
      assertEquals(0f, r.gradient()[i]);
    }
    // uniform outputs over 3 units, 2 frames, only path "1 2": p = (1/3)^2
    assertEquals(2 * Math.log(3), r.losses()[1], 1e-9);
  }

  @Test
  void paddedFramesGetNoGradientAndDoNotChangeTheLoss() {
    java.util.Random rnd = new java.util.Random(7);
    int v = 4;
    float[] shortAct = new float[5 * v];
    for (int i = 0; i < shortAct.length; i++) {
      shortAct[i] = (float) rnd.nextGaussian();
    }
    float[] padded = new float[9 * v];
    System.arraycopy(shortAct, 0, padded, 0, shortAct.length);
    for (int i = shortAct.length; i < padded.length; i++) {
      padded[i] = 100f;
    }
    CtcLoss ctc = new CtcLoss(1);
    int[][] tg = {{1, 3}};
    CtcLoss.Result a = ctc.compute(shortAct, 1, 5, v, new int[] {5}, tg, CtcLoss.Reduction.SUM);
    CtcLoss.Result b = ctc.compute(padded, 1, 9, v, new int[] {5}, tg, CtcLoss.Reduction.SUM);
    assertEquals(a.loss(), b.loss(), 0.0);
    for (int i = shortAct.length; i < padded.length; i++) {
      assertEquals(0f, b.gradient()[i]);
    }
  }

  @Test
  void gradientOfEveryFrameSumsToZero() {
    // softmax sums to 1 and so does the normalised occupancy of every frame
    java.util.Random rnd = new java.util.Random(3);
    int t = 30;
    int v = 6;
    float[] act = new float[t * v];
    for (int i = 0; i < act.length; i++) {
      act[i] = (float) (3 * rnd.nextGaussian());
    }
    CtcLoss.Result r =
        new CtcLoss(1)
            .compute(
                act,
                1,
                t,
                v,
                new int[] {t},
                new int[][] {{1, 1, 2, 5, 5, 5, 3}},
                CtcLoss.Reduction.SUM);
    for (int f = 0; f < t; f++) {
      double s = 0;
      for (int k = 0; k < v; k++) {
        s += r.gradient()[f * v + k];
      }
      assertEquals(0.0, s, 1e-5);
    }
  }
}
