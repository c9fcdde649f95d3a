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
  private final double[] tw1Re;
  private final double[] tw1Im;
  private final double[] tw2Re;
  private final double[] tw2Im;
  private final double[] tw3Re;
  private final double[] tw3Im;
  private final double[] lastRe;
  private final double[] lastIm;
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
    // Twiddles of the radix-4 passes, contiguous per pass: W_2h^k, W_4h^k and W_4h^3k for k < h.
    int total = 0;
    for (int h = 4; h * 4 <= half; h *= 4) {
      total += h;
    }
    tw1Re = new double[Math.max(1, total)];
    tw1Im = new double[Math.max(1, total)];
    tw2Re = new double[Math.max(1, total)];
    tw2Im = new double[Math.max(1, total)];
    tw3Re = new double[Math.max(1, total)];
    tw3Im = new double[Math.max(1, total)];
    int off = 0;
    for (int h = half >= 4 ? 4 : 1; h * 4 <= half; h *= 4) {
      for (int k = 0; k < h; k++) {
        tw1Re[off + k] = Math.cos(2 * Math.PI * k / (2 * h));
        tw1Im[off + k] = -Math.sin(2 * Math.PI * k / (2 * h));
        tw2Re[off + k] = Math.cos(2 * Math.PI * k / (4 * h));
        tw2Im[off + k] = -Math.sin(2 * Math.PI * k / (4 * h));
        tw3Re[off + k] = Math.cos(2 * Math.PI * 3 * k / (4 * h));
        tw3Im[off + k] = -Math.sin(2 * Math.PI * 3 * k / (4 * h));
      }
      off += h;
    }
    int last = half >= 4 ? 4 : 1;
    while (last * 4 <= half) {
      last *= 4;
    }
    // W_2h^k of the final radix-2 stage, present when the stage count is odd.
    lastRe = new double[last];
    lastIm = new double[last];
    for (int k = 0; k < last; k++) {
      lastRe[k] = Math.cos(Math.PI * k / last);
      lastIm[k] = -Math.sin(Math.PI * k / last);
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
    powerSpectrumPacked(re, im, out, power);
  }

  /** Where sample pair (2i, 2i + 1) goes in {@code re}/{@code im}: {@code bitrev()[i]}. */
  int[] bitrev() {
    return bitrev;
  }

  /**
   * As {@link #powerSpectrum} for input already packed: samples 2i and 2i + 1 in {@code
   * re[bitrev()[i]]} and {@code im[bitrev()[i]]} (saves a pass when the caller computes them).
   */
  void powerSpectrumPacked(double[] re, double[] im, double[] out, boolean power) {
    int len = half >= 4 ? firstStages(re, im) : 1;
    len = radix4Stages(re, im, len);
    if (len < half) {
      lastStage(re, im, len);
    }
    unpack(re, im, out, power);
  }

  /** Stages of length 2 and 4 fused; twiddles 1 and -i need no multiplications. Returns 4. */
  private int firstStages(double[] re, double[] im) {
    for (int a = 0; a < half; a += 4) {
      double r0 = re[a] + re[a + 1];
      double i0 = im[a] + im[a + 1];
      double r1 = re[a] - re[a + 1];
      double i1 = im[a] - im[a + 1];
      double r2 = re[a + 2] + re[a + 3];
      double i2 = im[a + 2] + im[a + 3];
      double r3 = re[a + 2] - re[a + 3];
      double i3 = im[a + 2] - im[a + 3];
      re[a] = r0 + r2;
      im[a] = i0 + i2;
      re[a + 2] = r0 - r2;
      im[a + 2] = i0 - i2;
      // (r3 + i i3)(-i) = i3 - i r3
      re[a + 1] = r1 + i3;
      im[a + 1] = i1 - r3;
      re[a + 3] = r1 - i3;
      im[a + 3] = i1 + r3;
    }
    return 4;
  }

  /**
   * Pairs of radix-2 stages done as one radix-4 pass over blocks of 4h points: half the memory
   * passes of radix-2 and three twiddle products per four points instead of four. Returns the
   * transform length reached.
   */
  private int radix4Stages(double[] re, double[] im, int len) {
    int off = 0;
    while (len * 4 <= half) {
      int h = len;
      for (int s = 0; s < half; s += 4 * h) {
        for (int k = 0; k < h; k++) {
          // Radix-4: the block's four length-h DFTs of input residues 0, 2, 1, 3 (bit-reversed
          // order) sit at a0, a1, a2, a3; X[k + qh] combines them with W^k, W^2k, W^3k (W = W_4h).
          double w1r = tw1Re[off + k];
          double w1i = tw1Im[off + k];
          double w2r = tw2Re[off + k];
          double w2i = tw2Im[off + k];
          double w3r = tw3Re[off + k];
          double w3i = tw3Im[off + k];
          int a0 = s + k;
          int a1 = a0 + h;
          int a2 = a1 + h;
          int a3 = a2 + h;
          double ar = re[a0];
          double ai = im[a0];
          double br = re[a2] * w2r - im[a2] * w2i;
          double bi = re[a2] * w2i + im[a2] * w2r;
          double cr = re[a1] * w1r - im[a1] * w1i;
          double ci = re[a1] * w1i + im[a1] * w1r;
          double dr = re[a3] * w3r - im[a3] * w3i;
          double di = re[a3] * w3i + im[a3] * w3r;
          double pr = ar + cr;
          double pi = ai + ci;
          double mr = ar - cr;
          double mi = ai - ci;
          double qr = br + dr;
          double qi = bi + di;
          double nr = br - dr;
          double ni = bi - di;
          re[a0] = pr + qr;
          im[a0] = pi + qi;
          re[a2] = pr - qr;
          im[a2] = pi - qi;
          // -i (nr + i ni) = ni - i nr
          re[a1] = mr + ni;
          im[a1] = mi - nr;
          re[a3] = mr - ni;
          im[a3] = mi + nr;
        }
      }
      off += h;
      len *= 4;
    }
    return len;
  }

  /** A last radix-2 stage when the number of stages is odd (length {@code len} to 2 len). */
  private void lastStage(double[] re, double[] im, int len) {
    int h = len;
    for (int k = 0; k < h; k++) {
      double wr = lastRe[k];
      double wi = lastIm[k];
      int a = k;
      int b = a + h;
      double tr = re[b] * wr - im[b] * wi;
      double ti = re[b] * wi + im[b] * wr;
      re[b] = re[a] - tr;
      im[b] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
  }

  /**
   * The real input's spectrum from the half-length complex one: X[k] = (Z[k] + conj Z[h-k]) / 2 +
   * W^k (Z[k] - conj Z[h-k]) / (2i), W = e^{-2 pi i / n}; power or magnitude into {@code out}.
   */
  private void unpack(double[] re, double[] im, double[] out, boolean power) {
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
