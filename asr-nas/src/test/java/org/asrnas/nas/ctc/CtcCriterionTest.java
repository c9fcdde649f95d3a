package org.asrnas.nas.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class CtcCriterionTest {
  @Test
  void backwardLeavesTheCtcGradientInTheActivations() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.randomNormal(new Shape(2, 9, 5));
      w.setRequiresGradient(true);
      int[] lens = {9, 6};
      int[][] targets = {{1, 2, 2}, {4}};
      CtcCriterion.Output out;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray act = w.mul(2); // one op between the leaf and the loss: dL/dw = 2 dL/dact
        out = new CtcCriterion(new CtcLoss(1)).forward(act, lens, targets, CtcLoss.Reduction.SUM);
        gc.backward(out.surrogate());
      }
      float[] g = w.getGradient().toFloatArray();
      float[] want = out.result().gradient();
      for (int i = 0; i < g.length; i++) {
        assertEquals(2 * want[i], g[i], 1e-6);
      }
    }
  }
}
