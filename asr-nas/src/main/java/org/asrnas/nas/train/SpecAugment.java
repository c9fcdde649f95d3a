package org.asrnas.nas.train;

import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * SpecAugment's frequency and time masks (Park et al., Interspeech 2019), without time warping:
 * {@code freqMasks} bands of width uniform in [0, freqWidth] and {@code timeMasks} spans of width
 * uniform in [0, min(timeWidth, frames / 5)] set to 0, which is the mean after CMVN.
 */
public record SpecAugment(int freqMasks, int freqWidth, int timeMasks, int timeWidth) {
  public SpecAugment {
    Checks.checkArgument(freqMasks >= 0 && freqWidth >= 0, "frequency masks must be >= 0");
    Checks.checkArgument(timeMasks >= 0 && timeWidth >= 0, "time masks must be >= 0");
  }

  /** A masked copy of {@code m} (frames, dim). */
  public FloatMatrix apply(FloatMatrix m, Random r) {
    float[] d = m.data().clone();
    int frames = m.rows();
    int dim = m.cols();
    for (int i = 0; i < freqMasks; i++) {
      int w = r.nextInt(Math.min(freqWidth, dim) + 1);
      int f0 = r.nextInt(dim - w + 1);
      for (int t = 0; t < frames; t++) {
        for (int f = f0; f < f0 + w; f++) {
          d[t * dim + f] = 0f;
        }
      }
    }
    int maxT = Math.min(timeWidth, frames / 5);
    for (int i = 0; i < timeMasks; i++) {
      int w = r.nextInt(maxT + 1);
      int t0 = r.nextInt(frames - w + 1);
      for (int t = t0; t < t0 + w; t++) {
        java.util.Arrays.fill(d, t * dim, (t + 1) * dim, 0f);
      }
    }
    return new FloatMatrix(frames, dim, d);
  }
}
