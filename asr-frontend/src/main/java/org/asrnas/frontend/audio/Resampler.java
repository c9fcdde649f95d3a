package org.asrnas.frontend.audio;

import java.nio.file.Path;
import java.util.Locale;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;

/**
 * Band-limited resampling by a rational factor with a Hann-windowed sinc, the algorithm of {@code
 * torchaudio.functional.resample} (method {@code sinc_interp_hann}, lowpass filter width 6, rolloff
 * 0.99), against which it is tested. Rates are reduced by their gcd to {@code orig:new}; the kernel
 * for output phase p and tap k is {@code s * sinc(pi t) * cos^2(pi t / 12)} with {@code t =
 * clamp((k - width) / orig - p / new) * base, +-6)}, {@code base = min(orig, new) * 0.99}, {@code s
 * = base / orig}; output length {@code ceil(N * new / orig)}. Our own code rather than TarsosDSP's
 * resampler because this one has a reference to test against sample by sample.
 */
public final class Resampler {
  private static final int LOWPASS_FILTER_WIDTH = 6;
  private static final double ROLLOFF = 0.99;

  /**
   * Most output samples per channel: 2^27 (512 MiB of floats, 2.3 hours at 16 kHz). Resampling
   * multiplies the length by {@code to / from}, so a header claiming a low rate must not turn a
   * small file into gigabytes; real utterances are far shorter (cut long recordings with a {@code
   * segments} file).
   */
  public static final long MAX_OUTPUT_SAMPLES = 1L << 27;

  /** Most kernel coefficients ({@code new * taps}): 32 MiB of doubles. */
  private static final long MAX_KERNEL = 1L << 22;

  private final int orig;
  private final int next;
  private final int width;
  private final double[][] kernel;

  /** A resampler from {@code fromHz} to {@code toHz} (any positive integer rates). */
  public Resampler(int fromHz, int toHz) {
    Checks.checkArgument(fromHz > 0 && toHz > 0, "rates must be > 0, got %s and %s", fromHz, toHz);
    int g = gcd(fromHz, toHz);
    orig = fromHz / g;
    next = toHz / g;
    Checks.checkArgument(
        (long) orig * next <= 1_000_000,
        "rates %s and %s have no small common factor (reduced %s:%s); choose round rates",
        fromHz,
        toHz,
        orig,
        next);
    double base = Math.min(orig, next) * ROLLOFF;
    width = (int) Math.ceil(LOWPASS_FILTER_WIDTH * (double) orig / base);
    int taps = 2 * width + orig;
    Checks.checkArgument(
        (long) next * taps <= MAX_KERNEL,
        "rates %s and %s need a %s x %s kernel; choose rates with a larger common factor",
        fromHz,
        toHz,
        next,
        taps);
    kernel = new double[next][taps];
    double scale = base / orig;
    for (int p = 0; p < next; p++) {
      for (int k = 0; k < taps; k++) {
        double t = ((double) (k - width) / orig - (double) p / next) * base;
        t = Math.max(-LOWPASS_FILTER_WIDTH, Math.min(LOWPASS_FILTER_WIDTH, t));
        double w = Math.cos(t * Math.PI / LOWPASS_FILTER_WIDTH / 2);
        w *= w;
        double pt = t * Math.PI;
        double sinc = pt == 0 ? 1.0 : Math.sin(pt) / pt;
        kernel[p][k] = sinc * w * scale;
      }
    }
  }

  /** Resamples every channel to {@code toHz}. */
  public static Audio resample(Audio a, int toHz) {
    if (a.sampleRateHz() == toHz) {
      return a;
    }
    Resampler r = new Resampler(a.sampleRateHz(), toHz);
    long n = r.outputLength(a.numSamples());
    Checks.checkArgument(
        n <= MAX_OUTPUT_SAMPLES,
        "resampling %s samples from %s to %s Hz gives %s, more than %s",
        a.numSamples(),
        a.sampleRateHz(),
        toHz,
        n,
        MAX_OUTPUT_SAMPLES);
    return apply(r, a, toHz);
  }

  /**
   * Resamples audio read from {@code source}; rates without a small common factor, or an output
   * longer than {@link #MAX_OUTPUT_SAMPLES}, are input errors naming it.
   */
  public static Audio resample(Audio a, int toHz, Path source) throws AsrInputException {
    Checks.checkArgument(toHz > 0, "target rate must be > 0, got %s", toHz);
    if (a.sampleRateHz() == toHz) {
      return a;
    }
    Resampler r;
    try {
      r = new Resampler(a.sampleRateHz(), toHz);
    } catch (IllegalArgumentException e) {
      throw AsrInputException.inFile(source, "cannot resample: " + e.getMessage());
    }
    long n = r.outputLength(a.numSamples());
    if (n > MAX_OUTPUT_SAMPLES) {
      throw AsrInputException.inFile(
          source,
          String.format(
              Locale.ROOT,
              "resampling %d samples from %d to %d Hz would give %d samples (%.0f s), more than"
                  + " the %d allowed; check the header's sample rate or cut the recording with"
                  + " segments",
              a.numSamples(),
              a.sampleRateHz(),
              toHz,
              n,
              (double) n / toHz,
              MAX_OUTPUT_SAMPLES));
    }
    return apply(r, a, toHz);
  }

  private static Audio apply(Resampler r, Audio a, int toHz) {
    float[][] out = new float[a.numChannels()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = r.apply(a.channels()[c]);
    }
    return new Audio(toHz, out);
  }

  /** Output length for {@code n} input samples: {@code ceil(n * to / from)}, without overflow. */
  public long outputLength(long n) {
    return Math.addExact(Math.multiplyExact(n, (long) next), orig - 1L) / orig;
  }

  /** Resamples one channel; output length {@code ceil(N * to / from)}. */
  public float[] apply(float[] x) {
    int n = x.length;
    long outLen = outputLength(n);
    Checks.checkArgument(
        outLen <= MAX_OUTPUT_SAMPLES,
        "resampling %s samples gives %s, more than %s",
        n,
        outLen,
        MAX_OUTPUT_SAMPLES);
    float[] y = new float[(int) outLen];
    int taps = kernel[0].length;
    for (long j = 0; ; j++) {
      long startPad = j * orig; // index into the padded input (x shifted by width)
      long start = startPad - width;
      if (j * next >= outLen) {
        break;
      }
      for (int p = 0; p < next; p++) {
        long o = j * next + p;
        if (o >= outLen) {
          break;
        }
        double[] kp = kernel[p];
        double s = 0;
        int k0 = (int) Math.max(0, -start);
        int k1 = (int) Math.min(taps, n - start);
        for (int k = k0; k < k1; k++) {
          s += kp[k] * x[(int) (start + k)];
        }
        y[(int) o] = (float) s;
      }
    }
    return y;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
