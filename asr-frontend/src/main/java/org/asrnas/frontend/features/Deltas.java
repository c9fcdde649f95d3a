package org.asrnas.frontend.features;

import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * Delta and delta-delta features as Kaldi's {@code add-deltas} ({@code DeltaFeatures} in {@code
 * feat/feature-functions.cc}). The order-i filter is the order-(i-1) filter convolved with {@code
 * [-W..W] / sum_{j=-W..W} j^2}; frames outside the utterance are replaced by the first or last
 * frame (edge replication), as Kaldi does.
 */
public final class Deltas {
  private Deltas() {}

  /**
   * Appends deltas up to {@code order} to every frame.
   *
   * @param feats input, shape (frames, dim)
   * @param order 0 (copy), 1 (deltas) or 2 (deltas and delta-deltas); Kaldi's {@code --delta-order}
   * @param window half-width W of the regression window, Kaldi's {@code --delta-window} (default 2)
   * @return shape (frames, dim * (order + 1)): statics, then deltas, then delta-deltas
   */
  public static FloatMatrix compute(FloatMatrix feats, int order, int window) {
    Checks.checkArgument(order >= 0, "delta order must be >= 0, got %s", order);
    Checks.checkArgument(window >= 1, "delta window must be >= 1, got %s", window);
    double[][] scales = scales(order, window);
    int t = feats.rows();
    int dim = feats.cols();
    int outDim = dim * (order + 1);
    float[] in = feats.data();
    float[] out = new float[t * outDim];
    double[] acc = new double[dim];
    for (int r = 0; r < t; r++) {
      for (int i = 0; i <= order; i++) {
        double[] s = scales[i];
        int maxOffset = (s.length - 1) / 2;
        java.util.Arrays.fill(acc, 0);
        for (int j = -maxOffset; j <= maxOffset; j++) {
          double scale = s[j + maxOffset];
          if (scale == 0) {
            continue;
          }
          int f = Math.min(Math.max(r + j, 0), t - 1);
          int base = f * dim;
          for (int d = 0; d < dim; d++) {
            acc[d] += scale * in[base + d];
          }
        }
        int o = r * outDim + i * dim;
        for (int d = 0; d < dim; d++) {
          out[o + d] = (float) acc[d];
        }
      }
    }
    return new FloatMatrix(t, outDim, out);
  }

  /** Kaldi's default: order 2, window 2 (40 fbank dims become 120). */
  public static FloatMatrix compute(FloatMatrix feats) {
    return compute(feats, 2, 2);
  }

  /** The filter of every order, centred (length 1 + 2 * order * window). */
  static double[][] scales(int order, int window) {
    double[][] scales = new double[order + 1][];
    scales[0] = new double[] {1.0};
    double normalizer = 0;
    for (int j = -window; j <= window; j++) {
      normalizer += (double) j * j;
    }
    for (int i = 1; i <= order; i++) {
      double[] prev = scales[i - 1];
      int prevOffset = (prev.length - 1) / 2;
      int curOffset = prevOffset + window;
      double[] cur = new double[prev.length + 2 * window];
      for (int j = -window; j <= window; j++) {
        for (int k = -prevOffset; k <= prevOffset; k++) {
          cur[j + k + curOffset] += j * prev[k + prevOffset];
        }
      }
      for (int k = 0; k < cur.length; k++) {
        cur[k] /= normalizer;
      }
      scales[i] = cur;
    }
    return scales;
  }
}
