package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.asrnas.nas.model.ModelParameters;
import org.junit.jupiter.api.Test;

class AdamTest {
  /** loss = sum(g_a * a) + sum(g_b * b): the gradients are the given constants. */
  private static void backward(NDArray a, float[] ga, NDArray b, float[] gb) {
    NDManager m = a.getManager();
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray l =
          a.mul(m.create(ga, a.getShape())).sum().add(b.mul(m.create(gb, b.getShape())).sum());
      gc.backward(l);
    }
  }

  @Test
  void firstStepMatchesTorchAdamAndUnusedParametersStayPut() {
    try (NDManager m = NDManager.newBaseManager()) {
      ModelParameters ps = new ModelParameters(m, 1);
      NDArray a = ps.constant("a", new Shape(2), 1f);
      NDArray b = ps.constant("b", new Shape(2), 1f);
      Adam adam = new Adam(ps, 0.9, 0.999, 1e-8);
      for (int i = 0; i < 3; i++) {
        backward(a, new float[] {0.5f, -2f}, b, new float[] {7f, 7f});
        try (NDManager t = m.newSubManager()) {
          adam.step(List.of("a"), 0.1, 0, t);
        }
        // b got a gradient in every backward pass but did not take part: no update, no momentum
        assertArrayEquals(new float[] {1f, 1f}, b.toFloatArray());
        assertEquals(0, adam.steps("b"));
        assertArrayEquals(new float[] {0f, 0f}, b.getGradient().toFloatArray());
      }
      // with a constant gradient, every bias-corrected Adam step moves by lr * sign(g)
      float[] got = a.toFloatArray();
      assertEquals(1 - 0.3, got[0], 1e-5);
      assertEquals(1 + 0.3, got[1], 1e-5);
      assertEquals(3, adam.steps("a"));
    }
  }

  @Test
  void clipsTheGlobalNormOfTheParametersThatTookPart() {
    try (NDManager m = NDManager.newBaseManager()) {
      ModelParameters ps = new ModelParameters(m, 1);
      NDArray a = ps.constant("a", new Shape(2), 0f);
      NDArray b = ps.constant("b", new Shape(2), 0f);
      Adam adam = new Adam(ps, 0.0, 0.0, 1e-8);
      backward(a, new float[] {3f, 4f}, b, new float[] {100f, 100f});
      double norm;
      try (NDManager t = m.newSubManager()) {
        norm = adam.step(List.of("a"), 1.0, 1.0, t);
      }
      assertEquals(5.0, norm, 1e-6); // b's gradient is not part of the norm
      // beta1 = beta2 = 0: update = lr * g / |g| elementwise = sign, independent of the scale
      assertArrayEquals(new float[] {-1f, -1f}, a.toFloatArray(), 1e-5f);
    }
  }

  /** clipNorm 0 is off: with a large epsilon the update shows whether the gradient was scaled. */
  @Test
  void clipNormZeroDisablesClippingAndTheNormIsThePreClipOne() {
    float[][] want = {{-0.75f, -0.8f}, {-0.375f, -0.8f / 1.8f}};
    double[] clips = {0.0, 1.0};
    for (int c = 0; c < clips.length; c++) {
      try (NDManager m = NDManager.newBaseManager()) {
        ModelParameters ps = new ModelParameters(m, 1);
        NDArray a = ps.constant("a", new Shape(2), 0f);
        NDArray b = ps.constant("b", new Shape(2), 0f);
        Adam adam = new Adam(ps, 0.0, 0.0, 1.0);
        backward(a, new float[] {3f, 4f}, b, new float[] {0f, 0f});
        double norm;
        try (NDManager t = m.newSubManager()) {
          norm = adam.step(List.of("a"), 1.0, clips[c], t);
        }
        assertEquals(5.0, norm, 1e-6, "clip " + clips[c]);
        // beta1 = beta2 = 0, epsilon 1: update = lr * g / (|g| + 1) elementwise
        assertArrayEquals(want[c], a.toFloatArray(), 1e-5f, "clip " + clips[c]);
      }
    }
  }
}
