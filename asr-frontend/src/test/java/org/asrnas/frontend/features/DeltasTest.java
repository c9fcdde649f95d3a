package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.asrnas.core.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class DeltasTest {
  @Test
  void filtersAreKaldisRegressionAndItsSelfConvolution() {
    double[][] s = Deltas.scales(2, 2);
    assertArrayEquals(new double[] {1}, s[0], 0);
    assertArrayEquals(new double[] {-0.2, -0.1, 0, 0.1, 0.2}, s[1], 1e-12);
    // conv([-2,-1,0,1,2], itself) / 100 = [4 4 1 -4 -10 -4 1 4 4] / 100
    assertArrayEquals(
        new double[] {0.04, 0.04, 0.01, -0.04, -0.10, -0.04, 0.01, 0.04, 0.04}, s[2], 1e-12);
  }

  @Test
  void rampHasUnitSlopeInsideAndReplicatedEdges() {
    int t = 10;
    float[][] x = new float[t][1];
    for (int i = 0; i < t; i++) {
      x[i][0] = i;
    }
    FloatMatrix d = Deltas.compute(FloatMatrix.of(x), 2, 2);
    assertEquals(3, d.cols());
    for (int i = 0; i < t; i++) {
      assertEquals(i, d.get(i, 0), 0);
    }
    // Interior: sum_j j (i + j) / 10 = 1; frame 0 sees x(-2) = x(-1) = 0: (1 + 4) / 10 = 0.5.
    assertEquals(0.5f, d.get(0, 1), 1e-6);
    assertEquals(0.8f, d.get(1, 1), 1e-6); // (-1*0 + 0 + 1*2 + 2*3 - 2*0)/10 with x(-1)=0
    for (int i = 2; i < t - 2; i++) {
      assertEquals(1f, d.get(i, 1), 1e-6);
    }
    assertEquals(0.5f, d.get(t - 1, 1), 1e-6);
    // A straight line has no curvature away from the edges (4 frames each side).
    for (int i = 4; i < t - 4; i++) {
      assertEquals(0f, d.get(i, 2), 1e-6);
    }
  }

  @Test
  void secondOrderEqualsDeltaOfDeltaAwayFromEdges() {
    int t = 30;
    int dim = 3;
    float[][] x = new float[t][dim];
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < dim; k++) {
        x[i][k] = (float) Math.sin(0.3 * i * (k + 1)) + 0.01f * i * i;
      }
    }
    FloatMatrix full = Deltas.compute(FloatMatrix.of(x), 2, 2);
    FloatMatrix d1 = Deltas.compute(FloatMatrix.of(x), 1, 2);
    float[][] delta = new float[t][dim];
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < dim; k++) {
        delta[i][k] = d1.get(i, dim + k);
        assertEquals(full.get(i, dim + k), delta[i][k], 1e-6);
      }
    }
    FloatMatrix dd = Deltas.compute(FloatMatrix.of(delta), 1, 2);
    for (int i = 4; i < t - 4; i++) {
      for (int k = 0; k < dim; k++) {
        assertEquals(dd.get(i, dim + k), full.get(i, 2 * dim + k), 1e-5);
      }
    }
    assertEquals(9, full.cols());
    assertEquals(t, full.rows());
  }

  @Test
  void emptyAndSingleFrameInputs() {
    assertEquals(0, Deltas.compute(FloatMatrix.zeros(0, 4)).rows());
    FloatMatrix one = Deltas.compute(FloatMatrix.of(new float[][] {{3f, 5f}}));
    assertArrayEquals(new float[] {3f, 5f, 0f, 0f, 0f, 0f}, one.row(0), 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> Deltas.compute(one, -1, 2));
  }
}
