package org.asrnas.decoder.score;

import java.util.List;
import org.asrnas.core.Checks;

/** One utterance's words. */
public record Transcript(String id, List<String> words) {
  public Transcript {
    Checks.checkArgument(id != null && !id.isEmpty(), "utterance id must not be empty");
    words = List.copyOf(words);
  }

  /**
   * The speaker of an utterance id as sclite derives it ({@code -i rm|spu_id|swb}): the text before
   * the first {@code '-'}, else before the first {@code '_'}; the whole id when it has neither
   * (sclite refuses such ids).
   */
  public static String speakerOf(String id) {
    int p = id.indexOf('-');
    if (p < 0) {
      p = id.indexOf('_');
    }
    return p < 0 ? id : id.substring(0, p);
  }
}
