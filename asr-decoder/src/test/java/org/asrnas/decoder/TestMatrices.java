package org.asrnas.decoder;

import java.util.Random;
import org.asrnas.core.io.FloatMatrix;

/** Seeded random log-probability matrices for decoder tests. */
final class TestMatrices {
  private TestMatrices() {}

  /** Log-softmax of Gaussian logits times {@code sharpness} (larger = more peaked). */
  static FloatMatrix random(Random r, int frames, int units, double sharpness) {
    float[] d = new float[frames * units];
    for (int t = 0; t < frames; t++) {
      double[] x = new double[units];
      double max = Double.NEGATIVE_INFINITY;
      for (int u = 0; u < units; u++) {
        x[u] = r.nextGaussian() * sharpness;
        max = Math.max(max, x[u]);
      }
      double sum = 0;
      for (int u = 0; u < units; u++) {
        sum += Math.exp(x[u] - max);
      }
      double lse = max + Math.log(sum);
      for (int u = 0; u < units; u++) {
        d[t * units + u] = (float) (x[u] - lse);
      }
    }
    return new FloatMatrix(frames, units, d);
  }

  /** Log-probabilities where {@code path[t]} has probability {@code p} and the rest share 1-p. */
  static FloatMatrix peaked(int[] path, int units, double p) {
    float[] d = new float[path.length * units];
    float other = (float) Math.log((1 - p) / (units - 1));
    for (int t = 0; t < path.length; t++) {
      for (int u = 0; u < units; u++) {
        d[t * units + u] = u == path[t] ? (float) Math.log(p) : other;
      }
    }
    return new FloatMatrix(path.length, units, d);
  }

  /** Collapses a CTC alignment: merge repeats, drop blanks. */
  static int[] collapse(int[] alignment) {
    int[] out = new int[alignment.length];
    int n = 0;
    int prev = 0;
    for (int a : alignment) {
      if (a != 0 && a != prev) {
        out[n++] = a;
      }
      prev = a;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Calls {@code visit} with every alignment of length {@code frames} over {@code units}. */
  static void forEachAlignment(int frames, int units, java.util.function.Consumer<int[]> visit) {
    int[] a = new int[frames];
    long total = (long) Math.pow(units, frames);
    for (long i = 0; i < total; i++) {
      long x = i;
      for (int t = 0; t < frames; t++) {
        a[t] = (int) (x % units);
        x /= units;
      }
      visit.accept(a);
    }
  }
}
