package org.asrnas.frontend.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.audio.Audio;
import org.junit.jupiter.api.Test;

class AugmentTest {
  static float[] tone(int n, double hz, int rate) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (5000 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  /** Zero crossings per second, a pitch estimate. */
  static double crossingRate(float[] x, int rate) {
    int c = 0;
    for (int i = 1; i < x.length; i++) {
      if ((x[i - 1] < 0) != (x[i] < 0)) {
        c++;
      }
    }
    return c / 2.0 / (x.length / (double) rate);
  }

  @Test
  void speedPerturbationChangesDurationAndPitch() {
    Audio a = Audio.mono(16000, tone(16000, 500, 16000));
    Audio slow = SpeedPerturbation.apply(a, 0.9);
    Audio fast = SpeedPerturbation.apply(a, 1.1);
    assertEquals(Math.ceil(16000 / 0.9), slow.numSamples(), 1);
    assertEquals(Math.ceil(16000 / 1.1), fast.numSamples(), 1);
    assertEquals(450, crossingRate(slow.samples(), 16000), 5);
    assertEquals(550, crossingRate(fast.samples(), 16000), 5);
    assertEquals(a, SpeedPerturbation.apply(a, 1.0));
  }

  @Test
  void noiseIsAddedAtTheTargetSnrWithSeededOffsets() {
    Random gen = new Random(5);
    float[] noise = new float[5000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) gen.nextGaussian() * 300;
    }
    AdditiveNoise an = new AdditiveNoise(List.of(noise), 16000);
    Audio speech = Audio.mono(16000, tone(8000, 300, 16000));
    Audio noisy = an.apply(speech, 10, new Random(1));
    float[] diff = new float[8000];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = noisy.samples()[i] - speech.samples()[i];
    }
    double snr =
        20
            * Math.log10(
                AdditiveNoise.rms(speech.samples(), 0, 8000) / AdditiveNoise.rms(diff, 0, 8000));
    assertEquals(10, snr, 1e-3);
    assertEquals(noisy, an.apply(speech, 10, new Random(1)));
    assertNotEquals(noisy, an.apply(speech, 10, new Random(2)));
  }

  @Test
  void specAugmentMasksWithinLimitsAndIsSeeded() {
    float[] ones = new float[100 * 40];
    java.util.Arrays.fill(ones, 1f);
    FloatMatrix x = new FloatMatrix(100, 40, ones);
    SpecAugment s = new SpecAugment(1, 10, 1, 15, 0.2, 0f);
    FloatMatrix m = s.apply(x, new Random(3));
    assertEquals(m, s.apply(x, new Random(3)));
    int maskedCols = 0;
    for (int c = 0; c < 40; c++) {
      boolean all = true;
      for (int r = 0; r < 100; r++) {
        all &= m.get(r, c) == 0f;
      }
      maskedCols += all ? 1 : 0;
    }
    int maskedRows = 0;
    for (int r = 0; r < 100; r++) {
      boolean all = true;
      for (int c = 0; c < 40; c++) {
        all &= m.get(r, c) == 0f;
      }
      maskedRows += all ? 1 : 0;
    }
    assertTrue(maskedCols <= 10 && maskedRows <= 15, maskedCols + " cols, " + maskedRows + " rows");
    int zeros = 0;
    for (float v : m.data()) {
      zeros += v == 0f ? 1 : 0;
    }
    assertEquals(maskedCols * 100 + maskedRows * 40 - maskedCols * maskedRows, zeros);
    assertEquals(1f, x.get(0, 0));
  }
}
