package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asrnas.core.Checks;
import org.asrnas.core.text.Units;

/**
 * NIST CTM (time-marked conversation) lines of a {@link Hypothesis}: {@code file channel start
 * duration token confidence}, one line per word (or per unit for decoders without words), times in
 * seconds. Utterance-level CTM, as Kaldi's {@code steps/get_ctm.sh} writes before conversion, uses
 * the utterance id as file and {@code 1} as channel with times from the utterance start; with a
 * {@code segments} file the file and channel come from {@code reco2file_and_channel} and the times
 * are offset by the segment start, as {@code utils/convert_ctm.pl} does. Times and durations are
 * written with two decimals (Kaldi's precision), confidences with three.
 *
 * <p>A token's time is its {@link Span}: for CTC models the frames where the decoder's best path
 * emits its units (see the decoders), times frame shift of the network output (after frame
 * subsampling).
 */
public final class Ctm {
  private Ctm() {}

  /**
   * One CTM line.
   *
   * @param file recording (or utterance) id
   * @param channel channel, e.g. {@code 1}, {@code A}
   * @param startSeconds start time in the file
   * @param durationSeconds duration (&gt; 0)
   * @param token word or unit
   * @param confidence in [0, 1]
   */
  public record Line(
      String file,
      String channel,
      double startSeconds,
      double durationSeconds,
      String token,
      double confidence) {
    public Line {
      Checks.checkNotBlank(file, "CTM file");
      Checks.checkNotBlank(channel, "CTM channel");
      Checks.checkNotBlank(token, "CTM token");
    }

    /** The line as text, {@code Locale.ROOT} numbers, no line break. */
    public String format() {
      return String.format(
          Locale.ROOT,
          "%s %s %.2f %.2f %s %.3f",
          file,
          channel,
          startSeconds,
          durationSeconds,
          token,
          confidence);
    }

    /** End time in seconds. */
    public double endSeconds() {
      return startSeconds + durationSeconds;
    }
  }

  /**
   * The CTM lines of a hypothesis: its words with {@link Hypothesis#wordSpans()} when it has words,
   * otherwise its units (named by {@code units}) with {@link Hypothesis#unitSpans()}. Character
   * units (a unit set with {@link Units#SPACE}) are joined into words at {@code <space>}, as {@link
   * DecoderSetup#text} prints them, each word spanning its characters (confidence: the
   * frame-weighted geometric mean of theirs, as {@link Spans#words}).
   *
   * @param file utterance id, or the recording's file name with {@code segments}
   * @param channel {@code "1"} for utterance-level CTM, else the recording's channel
   * @param frameShiftSeconds seconds per network output frame (feature shift × subsampling)
   * @param offsetSeconds added to every start time (the segment start, 0 for utterance level)
   * @throws IllegalArgumentException when the hypothesis has tokens but no times (a decoder that
   *     does not track them)
   */
  public static List<Line> lines(
      String file,
      String channel,
      Hypothesis h,
      Units units,
      double frameShiftSeconds,
      double offsetSeconds) {
    Checks.checkArgument(
        frameShiftSeconds > 0, "frameShiftSeconds must be > 0, got %s", frameShiftSeconds);
    Checks.checkArgument(offsetSeconds >= 0, "offsetSeconds must be >= 0, got %s", offsetSeconds);
    List<String> tokens;
    List<Span> spans;
    if (!h.words().isEmpty()) {
      tokens = h.words();
      spans = h.wordSpans();
    } else if (units.contains(Units.SPACE) && !h.unitSpans().isEmpty()) {
      tokens = new ArrayList<>();
      spans = new ArrayList<>();
      charWords(h, units, tokens, spans);
    } else {
      tokens = new ArrayList<>();
      for (int u : h.units()) {
        tokens.add(units.symbol(u));
      }
      spans = h.unitSpans();
    }
    Checks.checkArgument(
        tokens.isEmpty() || spans.size() == tokens.size(),
        "the hypothesis of %s has %s tokens but no times (the decoder did not track them)",
        file,
        tokens.size());
    List<Line> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      Span s = spans.get(i);
      out.add(
          new Line(
              file,
              channel,
              offsetSeconds + s.startFrame() * frameShiftSeconds,
              s.frames() * frameShiftSeconds,
              tokens.get(i),
              s.confidence()));
    }
    return out;
  }

  /** Words of a character hypothesis: runs of units between {@code <space>} units. */
  private static void charWords(Hypothesis h, Units units, List<String> words, List<Span> spans) {
    int[] u = h.units();
    List<Span> us = h.unitSpans();
    int i = 0;
    while (i < u.length) {
      if (units.symbol(u[i]).equals(Units.SPACE)) {
        i++;
        continue;
      }
      int j = i;
      StringBuilder w = new StringBuilder();
      while (j < u.length && !units.symbol(u[j]).equals(Units.SPACE)) {
        w.append(units.symbol(u[j]));
        j++;
      }
      words.add(w.toString());
      spans.add(Spans.words(us.subList(i, j), new int[] {j - i}).get(0));
      i = j;
    }
  }
}
