package org.asrnas.core.data;

import org.asrnas.core.Checks;

/**
 * A {@code segments} line: the utterance {@code utteranceId} is seconds {@code [startSeconds,
 * endSeconds)} of recording {@code recordingId}. An end of -1 means "to the end of the recording"
 * (Kaldi's convention).
 */
public record Segment(
    String utteranceId, String recordingId, double startSeconds, double endSeconds) {
  public Segment {
    Checks.checkNotNull(utteranceId, "utteranceId");
    Checks.checkNotNull(recordingId, "recordingId");
    Checks.checkArgument(startSeconds >= 0, "segment %s starts before 0", utteranceId);
    Checks.checkArgument(
        endSeconds == -1 || endSeconds > startSeconds,
        "segment %s must end after it starts (%s <= %s)",
        utteranceId,
        endSeconds,
        startSeconds);
  }

  /** Duration in seconds, or -1 when the segment runs to the end of the recording. */
  public double durationSeconds() {
    return endSeconds < 0 ? -1 : endSeconds - startSeconds;
  }
}
