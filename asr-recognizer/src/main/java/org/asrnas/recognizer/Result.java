package org.asrnas.recognizer;

import java.util.List;
import org.asrnas.core.Checks;

/**
 * What {@link Recognizer} made of one utterance: the best hypothesis (delegated to by {@link
 * #text()}, {@link #words()}, {@link #units()}, {@link #score()}) and, with {@code optNBest(n)}, up
 * to n alternatives, best first.
 *
 * @param utteranceId the id that seeded the fbank dither (the file name without its extension for
 *     files, {@code utterance} for samples)
 * @param alternatives at least one, best first
 * @param frames output frames of the network (the decoder's input)
 * @param frameShiftSeconds time per output frame: the fbank frame shift times the network's
 *     subsampling
 * @param audioSeconds duration of the audio
 */
public record Result(
    String utteranceId,
    List<Alternative> alternatives,
    int frames,
    double frameShiftSeconds,
    double audioSeconds) {
  public Result {
    Checks.checkNotNull(utteranceId, "utteranceId");
    alternatives = List.copyOf(alternatives);
    Checks.checkArgument(!alternatives.isEmpty(), "a result needs at least one alternative");
  }

  /** The best hypothesis. */
  public Alternative best() {
    return alternatives.get(0);
  }

  /** The best transcript. */
  public String text() {
    return best().text();
  }

  /** The best hypothesis' words with times. */
  public List<Word> words() {
    return best().words();
  }

  /** The best hypothesis' units with times. */
  public List<Unit> units() {
    return best().units();
  }

  /** The best hypothesis' total score (natural log). */
  public double score() {
    return best().score();
  }

  /** Up to {@code n} alternatives, best first (as many as the decoder returned, at most n). */
  public List<Alternative> nBest(int n) {
    Checks.checkArgument(n >= 1, "n must be >= 1, got %s", n);
    return alternatives.subList(0, Math.min(n, alternatives.size()));
  }
}
