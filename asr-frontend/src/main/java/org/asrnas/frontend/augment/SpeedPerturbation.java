package org.asrnas.frontend.augment;

import org.asrnas.core.Checks;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.Resampler;

/**
 * Speed perturbation as Kaldi's {@code perturb_data_dir_speed.sh} does with {@code sox speed f}:
 * tempo and pitch both change by {@code f}, duration by {@code 1/f}. Implemented as resampling from
 * {@code rate * f} to {@code rate} ({@link Resampler}, torchaudio's windowed sinc).
 */
public final class SpeedPerturbation {
  private SpeedPerturbation() {}

  /**
   * @param factor 0.9 slows down (10% longer), 1.1 speeds up; {@code rate * factor} must be a whole
   *     number of Hz
   * @return audio at the same rate with about {@code numSamples / factor} samples
   */
  public static Audio apply(Audio audio, double factor) {
    Checks.checkArgument(
        factor > 0.5 && factor < 2, "speed factor must be in (0.5, 2), got %s", factor);
    if (factor == 1.0) {
      return audio;
    }
    double from = audio.sampleRateHz() * factor;
    Checks.checkArgument(
        Math.abs(from - Math.rint(from)) < 1e-6,
        "rate %s x speed %s is not a whole number of Hz",
        audio.sampleRateHz(),
        factor);
    Resampler r = new Resampler((int) Math.rint(from), audio.sampleRateHz());
    float[][] out = new float[audio.numChannels()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = r.apply(audio.channels()[c]);
    }
    return new Audio(audio.sampleRateHz(), out);
  }
}
