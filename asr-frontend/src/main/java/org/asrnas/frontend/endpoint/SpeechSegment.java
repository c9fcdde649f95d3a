package org.asrnas.frontend.endpoint;

import org.asrnas.core.Checks;

/**
 * A stretch of a recording that holds speech, in samples {@code [startSample, endSample)} of the
 * whole recording.
 *
 * @param startSample first sample (inclusive)
 * @param endSample last sample (exclusive)
 * @param sampleRateHz the recording's rate
 */
public record SpeechSegment(long startSample, long endSample, int sampleRateHz) {
  public SpeechSegment {
    Checks.checkArgument(
        startSample >= 0 && endSample > startSample,
        "a segment needs 0 <= start < end, got [%s, %s)",
        startSample,
        endSample);
    Checks.checkArgument(sampleRateHz > 0, "sample rate must be > 0, got %s", sampleRateHz);
  }

  public double startSeconds() {
    return (double) startSample / sampleRateHz;
  }

  public double endSeconds() {
    return (double) endSample / sampleRateHz;
  }

  public double durationSeconds() {
    return (double) (endSample - startSample) / sampleRateHz;
  }

  /**
   * The fbank frames whose centre lies in this segment, {@code [first, last)}, for frames of {@code
   * shift} samples centred at {@code f·shift + centreOffset} ({@code window / 2} with snipEdges,
   * {@code shift / 2} without).
   */
  public int[] frames(int shift, int centreOffset) {
    Checks.checkArgument(shift >= 1, "shift must be >= 1, got %s", shift);
    long first = Math.max(0, Math.floorDiv(startSample - centreOffset + shift - 1, shift));
    long last = Math.max(first, Math.floorDiv(endSample - centreOffset + shift - 1, shift));
    return new int[] {Math.toIntExact(first), Math.toIntExact(last)};
  }
}
