package org.asrnas.recognizer;

import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.Checks;
import org.asrnas.frontend.stream.SegmentedFeatures;

/**
 * Recognition of audio that arrives in pieces (a long file read block by block, a live stream),
 * made by {@link Recognizer#stream(String)}: samples go to {@link SegmentedFeatures} (streaming
 * fbank, endpointer, sliding CMVN over the speech frames, deltas; docs/streaming.md) and each
 * segment, once complete, through the network (chunked for a TDNN/CNN, whole for a BLSTM) and the
 * recognizer's decoder. Memory holds the open segment (at most the endpointer's maximum segment
 * length) and the CMVN window, not the stream.
 *
 * <p>Not thread-safe: one session per stream. {@link #finish()} returns the last segments and
 * resets the session for the next stream (times start again at 0).
 */
public final class StreamSession {
  private final Recognizer recognizer;
  private final String utteranceId;
  private final SegmentedFeatures features;
  private int next;
  private long samples;

  StreamSession(Recognizer recognizer, String utteranceId, SegmentedFeatures features) {
    this.recognizer = recognizer;
    this.utteranceId = utteranceId;
    this.features = features;
  }

  /**
   * Adds samples and returns the segments now complete, recognised.
   *
   * @param samples mono, 16-bit scale (as {@link org.asrnas.frontend.audio.Audio}), at {@link
   *     Recognizer#sampleRateHz()}; the session does not resample
   * @throws IllegalArgumentException for a sample that is not finite
   */
  public List<SegmentResult> accept(float[] samples, int offset, int length) {
    Checks.checkNotNull(samples, "samples");
    Checks.checkArgument(
        offset >= 0 && length >= 0 && offset + length <= samples.length,
        "need 0 <= offset <= offset + length <= %s, got offset %s and length %s",
        samples.length,
        offset,
        length);
    for (int i = offset; i < offset + length; i++) {
      if (!Float.isFinite(samples[i])) {
        throw new IllegalArgumentException(
            "sample " + (this.samples + i - offset) + " is " + samples[i] + "; must be finite");
      }
    }
    this.samples += length;
    return recognise(features.accept(samples, offset, length));
  }

  /** Ends the stream: the remaining segments, recognised; resets. */
  public List<SegmentResult> finish() {
    List<SegmentResult> out = recognise(features.finish());
    next = 0;
    samples = 0;
    return out;
  }

  /** Samples accepted since the start (or the last {@link #finish()}). */
  public long samples() {
    return samples;
  }

  private List<SegmentResult> recognise(List<SegmentedFeatures.Segment> segments) {
    List<SegmentResult> out = new ArrayList<>(segments.size());
    for (SegmentedFeatures.Segment s : segments) {
      out.add(recognizer.segment(utteranceId, next++, s, features.frames(s.span())[0]));
    }
    return out;
  }
}
