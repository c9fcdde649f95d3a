package org.asrnas.recognizer;

import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.Checks;

/**
 * What {@link Recognizer#recognizeLong(java.nio.file.Path)} made of a recording of any length: its
 * speech segments in order, each recognised on its own.
 *
 * @param utteranceId the recording's id (the file name without its extension for files)
 * @param segments the segments in time order; none when the recording holds no speech
 * @param audioSeconds the recording's duration
 */
public record LongResult(String utteranceId, List<SegmentResult> segments, double audioSeconds) {
  public LongResult {
    Checks.checkNotNull(utteranceId, "utteranceId");
    segments = List.copyOf(segments);
  }

  /** The segments' best transcripts joined by spaces (empty segments left out). */
  public String text() {
    List<String> parts = new ArrayList<>();
    for (SegmentResult s : segments) {
      if (!s.text().isEmpty()) {
        parts.add(s.text());
      }
    }
    return String.join(" ", parts);
  }

  /** Every segment's best words in order, with times in the recording. */
  public List<Word> words() {
    List<Word> out = new ArrayList<>();
    segments.forEach(s -> out.addAll(s.words()));
    return out;
  }

  /** Network output frames over all segments. */
  public long frames() {
    long n = 0;
    for (SegmentResult s : segments) {
      n += s.result().frames();
    }
    return n;
  }
}
