package org.asrnas.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;

/**
 * A bank of long noise signals (unit RMS) from which utterances take seeded excerpts, so that no
 * two files share one noise realisation: white, pink (Paul Kellet's refined filter), brown (leaky
 * integrated white noise), hum (50 Hz and harmonics over pink noise) and, when speech is given,
 * babble (several talkers summed).
 */
public final class NoiseBank {
  private final Map<String, float[]> signals;
  private final int rateHz;

  private NoiseBank(Map<String, float[]> signals, int rateHz) {
    this.signals = signals;
    this.rateHz = rateHz;
  }

  /**
   * Generates the bank.
   *
   * @param seed root seed
   * @param rateHz sampling rate
   * @param seconds length of each signal
   * @param talkers speech for babble (may be empty: no babble)
   */
  public static NoiseBank generate(long seed, int rateHz, double seconds, List<short[]> talkers) {
    Checks.checkPositive(rateHz, "rateHz");
    int n = (int) Math.round(Checks.checkPositive(seconds, "seconds") * rateHz);
    Map<String, float[]> m = new LinkedHashMap<>();
    Random r = Seeds.random(seed, "noise.bank");
    float[] white = new float[n];
    for (int i = 0; i < n; i++) {
      white[i] = (float) r.nextGaussian();
    }
    m.put("white", normalised(white));
    m.put("pink", normalised(pink(white)));
    float[] brown = new float[n];
    double y = 0;
    for (int i = 0; i < n; i++) {
      y = 0.995 * y + white[(int) (((long) i * 7919) % n)];
      brown[i] = (float) y;
    }
    m.put("brown", normalised(brown));
    float[] hum = pink(shifted(white, n / 3));
    hum = normalised(hum);
    for (int i = 0; i < n; i++) {
      double t = (double) i / rateHz;
      double h = 0;
      for (int k = 1; k <= 5; k++) {
        h += Math.sin(2 * Math.PI * 50 * k * t) / k;
      }
      hum[i] = (float) (0.3 * hum[i] + h);
    }
    m.put("hum", normalised(hum));
    if (!talkers.isEmpty()) {
      float[] babble = new float[n];
      for (short[] t : talkers) {
        if (t.length == 0) {
          continue;
        }
        int off = r.nextInt(t.length);
        for (int i = 0; i < n; i++) {
          babble[i] += t[(off + i) % t.length];
        }
      }
      m.put("babble", normalised(babble));
    }
    return new NoiseBank(m, rateHz);
  }

  private static float[] shifted(float[] x, int by) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[(i + by) % x.length];
    }
    return out;
  }

  /** Paul Kellet's refined pink-noise filter (-3 dB per octave within 0.05 dB above 9 Hz). */
  static float[] pink(float[] white) {
    float[] out = new float[white.length];
    double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    for (int i = 0; i < white.length; i++) {
      double w = white[i];
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.96900 * b2 + w * 0.1538520;
      b3 = 0.86650 * b3 + w * 0.3104856;
      b4 = 0.55000 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.0168980;
      out[i] = (float) (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
      b6 = w * 0.115926;
    }
    return out;
  }

  static float[] normalised(float[] x) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (float v : x) {
      ss += (v - mean) * (v - mean);
    }
    double rms = Math.sqrt(ss / x.length);
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) ((x[i] - mean) / (rms > 0 ? rms : 1));
    }
    return out;
  }

  public List<String> types() {
    return new ArrayList<>(signals.keySet());
  }

  public int rateHz() {
    return rateHz;
  }

  /** The unit-RMS signal of a type. */
  public float[] signal(String type) {
    float[] s = signals.get(type);
    Checks.checkArgument(s != null, "no noise type %s; have %s", type, signals.keySet());
    return s;
  }

  /**
   * Adds noise to speech at a signal-to-noise ratio: the excerpt of {@code type} starting at {@code
   * offset} (wrapping) is scaled by rms(speech) / rms(excerpt) / 10^(snr/20) and added; the sum is
   * clipped to 16 bits.
   */
  public short[] mix(short[] speech, String type, int offset, double snrDb) {
    float[] noise = signal(type);
    int n = speech.length;
    double ss = 0;
    double nn = 0;
    for (int i = 0; i < n; i++) {
      ss += (double) speech[i] * speech[i];
      double v = noise[(offset + i) % noise.length];
      nn += v * v;
    }
    double scale = n == 0 || nn == 0 ? 0 : Math.sqrt(ss / nn) / Math.pow(10, snrDb / 20);
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      double v = speech[i] + scale * noise[(offset + i) % noise.length];
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
    return out;
  }
}
