package org.asrnas.recognizer;

import java.util.List;
import org.asrnas.core.Checks;

/**
 * What {@link Recognizer} made of one speech segment of a long recording or a stream ({@link
 * Recognizer#recognizeLong(java.nio.file.Path)}, {@link StreamSession}).
 *
 * @param index the segment's number in the recording, from 0
 * @param startSeconds where the endpointer's segment starts in the recording (padding included)
 * @param endSeconds where it ends (exclusive)
 * @param offsetSeconds where the segment's first feature frame starts in the recording: the
 *     result's word and unit times are already shifted by it (recording times); the frame spans of
 *     {@link Alternative#hypothesis()} are the segment's own and need it added, as {@code
 *     Ctm.lines(..., offsetSeconds)} does
 * @param result the segment recognised as an utterance (id {@code <recording id>-<start>-<end>}
 *     with times in centiseconds, as Kaldi names segments); {@link Result#audioSeconds()} is the
 *     segment's duration
 */
public record SegmentResult(
    int index, double startSeconds, double endSeconds, double offsetSeconds, Result result) {
  public SegmentResult {
    Checks.checkNotNull(result, "result");
    Checks.checkArgument(index >= 0, "index must be >= 0, got %s", index);
    Checks.checkArgument(
        startSeconds >= 0 && endSeconds > startSeconds,
        "need 0 <= start < end, got %s and %s",
        startSeconds,
        endSeconds);
  }

  /** The best transcript of the segment. */
  public String text() {
    return result.text();
  }

  /** The best hypothesis' words, times in the recording. */
  public List<Word> words() {
    return result.words();
  }
}
