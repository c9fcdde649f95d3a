package org.asrnas.frontend.augment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.TableLine;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.audio.Resampler;

/**
 * Adds noise at a target signal-to-noise ratio: a noise recording is picked and cut at a random
 * offset (looping when shorter than the speech), scaled by {@code rms(speech) / rms(noise) /
 * 10^(snr/20)} and added, so that files never share one noise realisation. Thread-safe; randomness
 * comes only from the caller's generator.
 */
public final class AdditiveNoise {
  private final List<float[]> noises;
  private final int sampleRateHz;

  /**
   * @param noises mono noise recordings, all at {@code sampleRateHz}
   */
  public AdditiveNoise(List<float[]> noises, int sampleRateHz) {
    Checks.checkArgument(!noises.isEmpty(), "the noise list is empty");
    for (float[] n : noises) {
      Checks.checkArgument(rms(n, 0, n.length) > 0, "a noise recording is silent");
    }
    this.noises = List.copyOf(noises);
    this.sampleRateHz = sampleRateHz;
  }

  /**
   * Loads a noise list: one audio path (or {@code wav.scp}-style {@code id path}) per line; channel
   * 0 of each file, resampled to {@code sampleRateHz}.
   */
  public static AdditiveNoise load(Path list, int sampleRateHz)
      throws IOException, AsrInputException {
    List<float[]> out = new ArrayList<>();
    for (TableLine l : KaldiTables.readLines(list)) {
      if (l.key().isEmpty()) {
        continue;
      }
      String spec = l.rest().isEmpty() ? l.key() : l.rest();
      Audio a = AudioReader.read(new org.asrnas.core.data.WavEntry("noise", spec)).channel(0);
      a = Resampler.resample(a, sampleRateHz);
      if (rms(a.samples(), 0, a.numSamples()) == 0) {
        throw AsrInputException.atLine(list, l.lineNumber(), "noise recording is silent: " + spec);
      }
      out.add(a.samples());
    }
    if (out.isEmpty()) {
      throw AsrInputException.inFile(list, "the noise list names no files");
    }
    return new AdditiveNoise(out, sampleRateHz);
  }

  /**
   * Speech plus noise at {@code snrDb} (every channel gets the same noise).
   *
   * @param random picks the noise and its offset
   */
  public Audio apply(Audio speech, double snrDb, Random random) {
    Checks.checkArgument(
        speech.sampleRateHz() == sampleRateHz,
        "speech is %s Hz, noises %s Hz",
        speech.sampleRateHz(),
        sampleRateHz);
    float[] noise = noises.get(random.nextInt(noises.size()));
    int n = speech.numSamples();
    int offset = random.nextInt(noise.length);
    float[] cut = new float[n];
    for (int i = 0; i < n; i++) {
      cut[i] = noise[(offset + i) % noise.length];
    }
    double noiseRms = rms(cut, 0, n);
    float[][] out = new float[speech.numChannels()][];
    for (int c = 0; c < out.length; c++) {
      float[] x = speech.channels()[c];
      double speechRms = rms(x, 0, n);
      double scale = noiseRms == 0 ? 0 : speechRms / noiseRms / Math.pow(10, snrDb / 20);
      out[c] = new float[n];
      for (int i = 0; i < n; i++) {
        out[c][i] = (float) (x[i] + scale * cut[i]);
      }
    }
    return new Audio(sampleRateHz, out);
  }

  static double rms(float[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += (double) x[i] * x[i];
    }
    return to > from ? Math.sqrt(s / (to - from)) : 0;
  }
}
