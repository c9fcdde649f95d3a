package org.asrnas.frontend.audio;

import java.util.Arrays;
import org.asrnas.core.Checks;

/**
 * Decoded audio: one float array per channel, samples in 16-bit integer scale (a full-scale 16-bit
 * sample is 32767), which is what Kaldi's feature code and {@code
 * torchaudio.compliance.kaldi.fbank} expect. Other bit depths are rescaled to that range (8-bit
 * times 256, 24-bit divided by 256, 32-bit divided by 65536, float times 32768).
 *
 * @param sampleRateHz samples per second per channel
 * @param channels shape (channels, samples); every channel has the same length
 */
public record Audio(int sampleRateHz, float[][] channels) {
  public Audio {
    Checks.checkArgument(sampleRateHz > 0, "sample rate must be > 0, got %s", sampleRateHz);
    Checks.checkArgument(channels.length >= 1, "audio needs at least one channel");
    for (float[] c : channels) {
      Checks.checkArgument(
          c.length == channels[0].length,
          "channels differ in length (%s vs %s)",
          c.length,
          channels[0].length);
    }
  }

  /** Mono audio. */
  public static Audio mono(int sampleRateHz, float[] samples) {
    return new Audio(sampleRateHz, new float[][] {samples});
  }

  public int numChannels() {
    return channels.length;
  }

  /** Samples per channel. */
  public int numSamples() {
    return channels[0].length;
  }

  public double durationSeconds() {
    return (double) numSamples() / sampleRateHz;
  }

  /** The samples of a mono recording; fails for multi-channel audio (pick a channel first). */
  public float[] samples() {
    Checks.checkArgument(
        channels.length == 1,
        "audio has %s channels; select one with channel(i) (wav.scp: sph2pipe -c N or sox remix N)",
        channels.length);
    return channels[0];
  }

  /** One channel as mono audio ({@code index} is 0-based; sph2pipe's {@code -c} is 1-based). */
  public Audio channel(int index) {
    Checks.checkArgument(
        index >= 0 && index < channels.length,
        "channel %s requested, audio has %s (0-based)",
        index,
        channels.length);
    return mono(sampleRateHz, channels[index]);
  }

  /** Samples {@code [from, to)} of every channel. */
  public Audio slice(int from, int to) {
    Checks.checkArgument(
        0 <= from && from <= to && to <= numSamples(),
        "slice [%s, %s) outside [0, %s)",
        from,
        to,
        numSamples());
    float[][] out = new float[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      out[c] = Arrays.copyOfRange(channels[c], from, to);
    }
    return new Audio(sampleRateHz, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Audio a
        && a.sampleRateHz == sampleRateHz
        && Arrays.deepEquals(a.channels, channels);
  }

  @Override
  public int hashCode() {
    return 31 * sampleRateHz + Arrays.deepHashCode(channels);
  }

  @Override
  public String toString() {
    return "Audio["
        + sampleRateHz
        + " Hz, "
        + channels.length
        + " ch, "
        + numSamples()
        + " samples]";
  }
}
