package org.asrnas.frontend.features;

import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.audio.Audio;

/**
 * Log mel filterbank features with the semantics of Kaldi's {@code compute-fbank-feats} ({@code
 * feat/feature-fbank.cc}, {@code feature-window.cc}, {@code mel-computations.cc}), checked against
 * {@code torchaudio.compliance.kaldi.fbank}. Per frame: optional Gaussian dither, DC removal, raw
 * log energy, pre-emphasis {@code x[i] -= c x[i-1]} ({@code x[0] -= c x[0]}), window, zero padding
 * to a power of two, power (or magnitude) spectrum, triangular mel filters on {@code mel(f) = 1127
 * ln(1 + f / 700)} between {@code lowFreq} and {@code highFreq}, {@code log(max(e, FLT_EPSILON))}.
 *
 * <p>Immutable and thread-safe; share one instance between threads. Input samples are in 16-bit
 * integer scale ({@link Audio}).
 */
public final class Fbank {
  /** Kaldi's floor for logs: {@code std::numeric_limits<float>::epsilon()}. */
  static final double EPSILON = Math.ulp(1.0f);

  private final FbankConfig config;
  private final double[] window;
  private final int[] binStart;
  private final double[][] binWeights;
  private final ThreadLocal<Work> work;

  public Fbank(FbankConfig config) {
    this.config = Checks.checkNotNull(config, "config");
    this.window = config.windowType().coefficients(config.windowSize(), config.blackmanCoeff());
    int padded = config.paddedWindowSize();
    Checks.checkArgument(
        Integer.bitCount(padded) == 1,
        "roundToPowerOfTwo=false needs a window of a power-of-two length, got %s samples",
        padded);
    int numFftBins = padded / 2;
    double nyquist = 0.5 * config.sampleFrequency();
    double high = config.highFreq() > 0 ? config.highFreq() : nyquist + config.highFreq();
    double binWidth = config.sampleFrequency() / padded;
    double melLow = mel(config.lowFreq());
    double melHigh = mel(high);
    double delta = (melHigh - melLow) / (config.numMelBins() + 1);
    int bins = config.numMelBins();
    binStart = new int[bins];
    binWeights = new double[bins][];
    for (int b = 0; b < bins; b++) {
      double left = melLow + b * delta;
      double center = melLow + (b + 1) * delta;
      double right = melLow + (b + 2) * delta;
      int first = -1;
      int last = -1;
      double[] w = new double[numFftBins];
      for (int i = 0; i < numFftBins; i++) {
        double m = mel(binWidth * i);
        if (m > left && m < right) {
          w[i] = m <= center ? (m - left) / (center - left) : (right - m) / (right - center);
          if (first < 0) {
            first = i;
          }
          last = i;
        }
      }
      Checks.checkArgument(
          first >= 0,
          "mel bin %s is empty: too many mel bins (%s) for an FFT of %s points; use fewer",
          b,
          bins,
          padded);
      binStart[b] = first;
      binWeights[b] = java.util.Arrays.copyOfRange(w, first, last + 1);
    }
    this.work = ThreadLocal.withInitial(() -> new Work(config));
  }

  public FbankConfig config() {
    return config;
  }

  /** Output columns ({@link FbankConfig#dim()}). */
  public int dim() {
    return config.dim();
  }

  static double mel(double hz) {
    return 1127.0 * Math.log(1.0 + hz / 700.0);
  }

  /**
   * Features of mono audio; its rate must equal {@code sampleFrequency} (resample first).
   *
   * @param ditherSeed seeds the dither noise (ignored when dither is 0); derive it per utterance,
   *     for example {@code Seeds.derive(rootSeed, "dither/" + uttId)}, so results do not depend on
   *     thread scheduling
   * @return shape (frames, {@link #dim()}); frames = {@link FbankConfig#numFrames(long)}, which may
   *     be 0 for audio shorter than one window
   */
  public FloatMatrix compute(Audio audio, long ditherSeed) {
    Checks.checkArgument(
        audio.sampleRateHz() == config.sampleFrequency(),
        "audio is %s Hz but the fbank config expects %s Hz; resample first (Resampler)",
        audio.sampleRateHz(),
        config.sampleFrequency());
    return compute(audio.samples(), ditherSeed);
  }

  /**
   * Features of samples at {@code sampleFrequency}, 16-bit integer scale.
   *
   * @return shape (frames, {@link #dim()})
   */
  public FloatMatrix compute(float[] samples, long ditherSeed) {
    int n = samples.length;
    int frames = config.numFrames(n);
    int dim = dim();
    float[] out = new float[frames * dim];
    Random rng = config.dither() > 0 ? new Random(ditherSeed) : null;
    double[] frame = work.get().frame;
    for (int f = 0; f < frames; f++) {
      extractFrame(samples, 0, n, f, frame);
      computeFrame(frame, rng, out, f * dim);
    }
    return new FloatMatrix(frames, dim, out);
  }

  /** The first sample of frame {@code f}'s window (negative near the start without snipEdges). */
  long frameStart(int f) {
    int ws = config.windowSize();
    int shift = config.windowShift();
    return config.snipEdges() ? (long) f * shift : (long) f * shift + shift / 2 - ws / 2;
  }

  /**
   * Copies frame {@code f}'s window of a signal of {@code n} samples into {@code frame}, reflecting
   * at the ends as Kaldi does without snipEdges.
   *
   * @param buf signal samples {@code [bufStart, bufStart + buf.length)}; must hold every sample the
   *     frame reads
   */
  void extractFrame(float[] buf, long bufStart, long n, int f, double[] frame) {
    int ws = config.windowSize();
    long start = frameStart(f);
    if (start >= 0 && start + ws <= n) {
      int s0 = (int) (start - bufStart);
      for (int i = 0; i < ws; i++) {
        frame[i] = buf[s0 + i];
      }
    } else {
      for (int i = 0; i < ws; i++) {
        long s = start + i;
        while (s < 0 || s >= n) {
          s = s < 0 ? -s - 1 : 2L * n - 1 - s;
        }
        frame[i] = buf[(int) (s - bufStart)];
      }
    }
  }

  /**
   * Features of one frame's window of samples ({@code frame[0..windowSize)}, overwritten by the
   * dither), written to {@code out[o..o + dim)}.
   *
   * @param rng the dither's generator (one per utterance, drawn frame after frame), null without
   *     dither
   */
  void computeFrame(double[] frame, Random rng, float[] out, int o) {
    Work w = work.get();
    int ws = config.windowSize();
    int dim = dim();
    int padded = config.paddedWindowSize();
    double[] re = w.re;
    double[] im = w.im;
    int[] bitrev = w.fft.bitrev();
    int pairs = padded / 2;
    double pre = config.preemphasisCoefficient();
    int melOffset = config.useEnergy() && !config.htkCompat() ? 1 : 0;
    double logEnergyFloor = config.energyFloor() > 0 ? Math.log(config.energyFloor()) : 0;
    double mean = 0;
    for (int i = 0; i < ws; i++) {
      mean += frame[i];
    }
    if (rng != null) {
      double d = config.dither();
      mean = 0;
      for (int i = 0; i < ws; i++) {
        frame[i] += d * rng.nextGaussian();
        mean += frame[i];
      }
    }
    mean = config.removeDcOffset() ? mean / ws : 0;
    double logEnergy = 0;
    if (config.useEnergy() && config.rawEnergy()) {
      double e = 0;
      for (int i = 0; i < ws; i++) {
        double v = frame[i] - mean;
        e += v * v;
      }
      logEnergy = Math.log(Math.max(e, EPSILON));
    }
    // DC removal, pre-emphasis and window in one pass, written straight into the FFT's
    // bit-reversed input: y[i] = w[i] ((x[i] - m) - p (x[i-1] - m)), with x[-1] = x[0].
    double windowedEnergy = 0;
    double prev = frame[0] - mean;
    for (int k = 0; k < pairs; k++) {
      int i0 = 2 * k;
      double y0 = 0;
      double y1 = 0;
      if (i0 + 1 < ws) {
        double c0 = frame[i0] - mean;
        double c1 = frame[i0 + 1] - mean;
        y0 = window[i0] * (c0 - pre * prev);
        y1 = window[i0 + 1] * (c1 - pre * c0);
        prev = c1;
      } else if (i0 < ws) {
        y0 = window[i0] * ((frame[i0] - mean) - pre * prev);
      }
      windowedEnergy += y0 * y0 + y1 * y1;
      int j = bitrev[k];
      re[j] = y0;
      im[j] = y1;
    }
    if (config.useEnergy() && !config.rawEnergy()) {
      logEnergy = Math.log(Math.max(windowedEnergy, EPSILON));
    }
    w.fft.powerSpectrumPacked(re, im, w.spectrum, config.usePower());
    for (int b = 0; b < binWeights.length; b++) {
      double[] bw = binWeights[b];
      int s0 = binStart[b];
      double e = 0;
      for (int i = 0; i < bw.length; i++) {
        e += bw[i] * w.spectrum[s0 + i];
      }
      if (config.useLogFbank()) {
        e = log(Math.max(e, EPSILON));
      }
      out[o + melOffset + b] = (float) e;
    }
    if (config.useEnergy()) {
      if (config.energyFloor() > 0 && logEnergy < logEnergyFloor) {
        logEnergy = logEnergyFloor;
      }
      out[o + (config.htkCompat() ? dim - 1 : 0)] = (float) logEnergy;
    }
  }

  private static final double SQRT2 = Math.sqrt(2);
  private static final double LN2 = Math.log(2);

  /**
   * Natural log of a positive normal double, about twice as fast as {@link Math#log} here: x = m
   * 2^e with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172,
   * series to s^11 (truncation below 2e-11, far inside the 1e-3 parity tolerance).
   */
  static double log(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int e = (int) ((bits >>> 52) & 0x7ff) - 1023;
    double m = Double.longBitsToDouble((bits & 0x000fffffffffffffL) | 0x3ff0000000000000L);
    if (m > SQRT2) {
      m *= 0.5;
      e++;
    }
    double t = (m - 1) / (m + 1);
    double t2 = t * t;
    double series =
        1 + t2 * (1 / 3.0 + t2 * (1 / 5.0 + t2 * (1 / 7.0 + t2 * (1 / 9.0 + t2 * (1 / 11.0)))));
    return e * LN2 + 2 * t * series;
  }

  /** Per-thread buffers. */
  private static final class Work {
    final double[] frame;
    final double[] re;
    final double[] im;
    final double[] spectrum;
    final RealFft fft;

    Work(FbankConfig c) {
      int padded = c.paddedWindowSize();
      frame = new double[padded];
      re = new double[padded / 2];
      im = new double[padded / 2];
      spectrum = new double[padded / 2 + 1];
      fft = new RealFft(padded);
    }
  }
}
