package org.asrnas.frontend.augment;

import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * SpecAugment's frequency and time masking (Park et al., Interspeech 2019, arXiv 1904.08779),
 * without time warping: {@code numFreqMasks} masks of width {@code f ~ U[0, maxFreqWidth]} at
 * {@code f0 ~ U[0, dim - f]}, and {@code numTimeMasks} masks of width {@code t ~ U[0,
 * min(maxTimeWidth, maxTimeFraction * frames)]} at {@code t0 ~ U[0, frames - t]}; masked values
 * become {@code maskValue} (0 after mean normalisation).
 */
public record SpecAugment(
    int numFreqMasks,
    int maxFreqWidth,
    int numTimeMasks,
    int maxTimeWidth,
    double maxTimeFraction,
    float maskValue) {
  public SpecAugment {
    Checks.checkArgument(numFreqMasks >= 0 && numTimeMasks >= 0, "mask counts must be >= 0");
    Checks.checkArgument(maxFreqWidth >= 0 && maxTimeWidth >= 0, "mask widths must be >= 0");
    Checks.checkArgument(
        maxTimeFraction >= 0 && maxTimeFraction <= 1,
        "maxTimeFraction must be in [0, 1], got %s",
        maxTimeFraction);
  }

  /** The LibriSpeech-basic policy scaled for 40 bins: 2 masks of up to 10 bins, 2 of 40 frames. */
  public static SpecAugment defaults() {
    return new SpecAugment(2, 10, 2, 40, 0.2, 0f);
  }

  /**
   * A masked copy.
   *
   * @param feats shape (frames, dim); not modified
   */
  public FloatMatrix apply(FloatMatrix feats, Random random) {
    int t = feats.rows();
    int d = feats.cols();
    float[] x = feats.data().clone();
    for (int m = 0; m < numFreqMasks; m++) {
      int w = random.nextInt(Math.min(maxFreqWidth, d) + 1);
      int f0 = random.nextInt(d - w + 1);
      for (int r = 0; r < t; r++) {
        java.util.Arrays.fill(x, r * d + f0, r * d + f0 + w, maskValue);
      }
    }
    int maxT = (int) Math.min(maxTimeWidth, Math.floor(maxTimeFraction * t));
    for (int m = 0; m < numTimeMasks; m++) {
      int w = random.nextInt(maxT + 1);
      int t0 = random.nextInt(t - w + 1);
      java.util.Arrays.fill(x, t0 * d, (t0 + w) * d, maskValue);
    }
    return new FloatMatrix(t, d, x);
  }
}
