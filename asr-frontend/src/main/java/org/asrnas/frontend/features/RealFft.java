package org.asrnas.frontend.features;

import org.asrnas.core.Checks;

/**
 * In-place power-of-two real FFT in double precision: a complex radix-2 FFT of half the length on
 * the even/odd samples packed as real/imaginary parts, then the standard split step (as Kaldi's
 * {@code SplitRadixRealFft} does). Tables are precomputed; one instance per thread (not
 * thread-safe, it owns a work buffer).
 */
final class RealFft {
  private final int n;
  private final int half;
  private final int[] bitrev;
  private final double[] twRe;
  private final double[] twIm;
  private final double[] splitCos;
  private final double[] splitSin;

  RealFft(int n) {
    Checks.checkArgument(
        n >= 4 && Integer.bitCount(n) == 1, "FFT size must be a power of two >= 4, got %s", n);
    this.n = n;
    this.half = n / 2;
    bitrev = new int[half];
    int bits = Integer.numberOfTrailingZeros(half);
    for (int i = 0; i < half; i++) {
      bitrev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    // Twiddles e^{-2 pi i k / len} of every stage from len = 8 on, stored contiguously per stage.
    twRe = new double[Math.max(1, half)];
    twIm = new double[Math.max(1, half)];
    for (int len = 8, off = 0; len <= half; off += len >> 1, len <<= 1) {
      for (int k = 0; k < len >> 1; k++) {
        twRe[off + k] = Math.cos(2 * Math.PI * k / len);
        twIm[off + k] = -Math.sin(2 * Math.PI * k / len);
      }
    }
    splitCos = new double[half + 1];
    splitSin = new double[half + 1];
    for (int k = 0; k <= half; k++) {
      splitCos[k] = Math.cos(2 * Math.PI * k / n);
      splitSin[k] = -Math.sin(2 * Math.PI * k / n);
    }
  }

  int size() {
    return n;
  }

  /**
   * Power (or magnitude) spectrum of {@code x} (length n, destroyed) into {@code out} (length n/2 +
   * 1): bins 0..n/2.
   */
  void powerSpectrum(double[] x, double[] re, double[] im, double[] out, boolean power) {
    for (int i = 0; i < half; i++) {
      int j = bitrev[i];
      re[j] = x[2 * i];
      im[j] = x[2 * i + 1];
    }
    // Stages of length 2 and 4 need no multiplications (twiddles 1 and -i).
    for (int a = 0; a < half; a += 2) {
      double tr = re[a + 1];
      double ti = im[a + 1];
      re[a + 1] = re[a] - tr;
      im[a + 1] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
    if (half >= 4) {
      for (int a = 0; a < half; a += 4) {
        double tr = re[a + 2];
        double ti = im[a + 2];
        re[a + 2] = re[a] - tr;
        im[a + 2] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        // times -i: (x + iy)(-i) = y - ix
        tr = im[a + 3];
        ti = -re[a + 3];
        re[a + 3] = re[a + 1] - tr;
        im[a + 3] = im[a + 1] - ti;
        re[a + 1] += tr;
        im[a + 1] += ti;
      }
    }
    for (int len = 8, off = 0; len <= half; off += len >> 1, len <<= 1) {
      int h = len >> 1;
      for (int s = 0; s < half; s += len) {
        for (int k = 0; k < h; k++) {
          double wr = twRe[off + k];
          double wi = twIm[off + k];
          int a = s + k;
          int b = a + h;
          double tr = re[b] * wr - im[b] * wi;
          double ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    // X[k] = (Z[k] + conj Z[h-k]) / 2 + W^k (Z[k] - conj Z[h-k]) / (2i), W = e^{-2 pi i / n}.
    for (int k = 0; k <= half; k++) {
      int k1 = k == half ? 0 : k;
      int k2 = k == 0 ? 0 : half - k;
      double zr = re[k1];
      double zi = im[k1];
      double cr = re[k2];
      double ci = -im[k2];
      double er = 0.5 * (zr + cr);
      double ei = 0.5 * (zi + ci);
      double or = 0.5 * (zi - ci);
      double oi = -0.5 * (zr - cr);
      double wr = splitCos[k];
      double wi = splitSin[k];
      double xr = er + wr * or - wi * oi;
      double xi = ei + wr * oi + wi * or;
      double p = xr * xr + xi * xi;
      out[k] = power ? p : Math.sqrt(p);
    }
  }
}
