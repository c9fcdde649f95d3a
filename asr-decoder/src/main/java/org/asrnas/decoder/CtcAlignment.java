package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * CTC forced alignment: the single most probable alignment of a known unit sequence to the
 * network's output (Viterbi over the CTC topology, Graves et al. 2006, section 4.1 with max in
 * place of sum; torchaudio's {@code forced_align} computes the same). With the reference ℓ extended
 * by blanks to ℓ' = (blank, ℓ_1, blank, ℓ_2, ..., ℓ_L, blank) of length 2L + 1:
 *
 * <pre>
 *   δ_1(s) = ln y_1(ℓ'_s)                    for s ∈ {1, 2}, −∞ otherwise
 *   δ_t(s) = ln y_t(ℓ'_s) + max(δ_{t−1}(s), δ_{t−1}(s−1), δ_{t−1}(s−2) if ℓ'_s ≠ blank and ℓ'_s ≠ ℓ'_{s−2})
 *   best   = max(δ_T(2L + 1), δ_T(2L))
 * </pre>
 *
 * and back-pointers give the frame labels. Unit spans follow the decoders' convention (the run of
 * frames where the alignment emits the unit, end exclusive; confidence the geometric mean posterior
 * of those frames), so the alignment is the reference against which decoders' times are checked
 * ("forced greedy alignment").
 */
public final class CtcAlignment {
  private CtcAlignment() {}

  /**
   * A forced alignment.
   *
   * @param frameLabels the unit of every frame (0 = blank)
   * @param unitSpans one span per reference unit, in order
   * @param logProb ln probability of the alignment
   */
  public record Result(int[] frameLabels, List<Span> unitSpans, double logProb) {
    public Result {
      frameLabels = frameLabels.clone();
      unitSpans = List.copyOf(unitSpans);
    }

    @Override
    public int[] frameLabels() {
      return frameLabels.clone();
    }

    /**
     * Spans of words made of consecutive units: word i covers the next {@code unitsPerWord[i]}
     * units, from the first frame of its first unit to the end of its last; its confidence is the
     * frame-weighted geometric mean of its units' confidences.
     */
    public List<Span> wordSpans(int[] unitsPerWord) {
      return Spans.words(unitSpans, unitsPerWord);
    }
  }

  /**
   * Aligns {@code reference} to {@code logProbs}.
   *
   * @param logProbs (frames, units) natural-log probabilities, blank = 0
   * @param reference unit ids (no blanks)
   * @throws IllegalArgumentException when a unit id is out of range or blank, or the utterance has
   *     fewer frames than the reference needs (its length plus one per repeated neighbour)
   */
  public static Result align(FloatMatrix logProbs, int[] reference) {
    int frames = logProbs.rows();
    int units = logProbs.cols();
    int len = reference.length;
    int repeats = 0;
    for (int i = 0; i < len; i++) {
      Checks.checkArgument(
          reference[i] > 0 && reference[i] < units,
          "reference unit %s at %s is blank or not in 1..%s",
          reference[i],
          i,
          units - 1);
      if (i > 0 && reference[i] == reference[i - 1]) {
        repeats++;
      }
    }
    Checks.checkArgument(
        frames >= len + repeats,
        "%s frames cannot hold %s units (%s repeated neighbours need a blank between)",
        frames,
        len,
        repeats);
    if (len == 0) {
      return new Result(new int[frames], List.of(), sumBlank(logProbs));
    }
    int states = 2 * len + 1;
    float[] y = logProbs.data();
    double[] prev = new double[states];
    double[] cur = new double[states];
    byte[] back = new byte[frames * states]; // 0: stay, 1: from s-1, 2: from s-2
    Arrays.fill(prev, Double.NEGATIVE_INFINITY);
    prev[0] = y[0];
    prev[1] = y[reference[0]];
    for (int t = 1; t < frames; t++) {
      int off = t * units;
      int boff = t * states;
      // states that can still reach the end and were reachable from the start
      int lo = Math.max(0, states - 2 * (frames - t));
      int hi = Math.min(states - 1, 2 * t + 1);
      Arrays.fill(cur, Double.NEGATIVE_INFINITY);
      for (int s = lo; s <= hi; s++) {
        int label = s % 2 == 0 ? 0 : reference[s / 2];
        double best = prev[s];
        byte from = 0;
        if (s >= 1 && prev[s - 1] > best) {
          best = prev[s - 1];
          from = 1;
        }
        if (label != 0 && s >= 2 && reference[s / 2 - 1] != label && prev[s - 2] > best) {
          best = prev[s - 2];
          from = 2;
        }
        cur[s] = best + y[off + label];
        back[boff + s] = from;
      }
      double[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    int s = prev[states - 1] >= prev[states - 2] ? states - 1 : states - 2;
    double logProb = prev[s];
    int[] labels = new int[frames];
    for (int t = frames - 1; t >= 0; t--) {
      labels[t] = s % 2 == 0 ? 0 : reference[s / 2];
      if (t > 0) {
        s -= back[t * states + s];
      }
    }
    return new Result(labels, spans(labels, y, units, len), logProb);
  }

  private static double sumBlank(FloatMatrix m) {
    double s = 0;
    for (int t = 0; t < m.rows(); t++) {
      s += m.get(t, 0);
    }
    return s;
  }

  /** Runs of one non-blank label (a new run starts after a blank or at a different label). */
  private static List<Span> spans(int[] labels, float[] y, int units, int expected) {
    List<Span> out = new ArrayList<>(expected);
    int start = -1;
    double sum = 0;
    for (int t = 0; t <= labels.length; t++) {
      boolean continues = t < labels.length && start >= 0 && labels[t] == labels[t - 1];
      if (start >= 0 && !continues) {
        out.add(new Span(start, t, UnitTrace.confidence(sum, t - start)));
        start = -1;
      }
      if (t < labels.length && labels[t] != 0 && start < 0) {
        start = t;
        sum = 0;
      }
      if (start >= 0) {
        sum += y[t * units + labels[t]];
      }
    }
    Checks.checkArgument(
        out.size() == expected, "internal: %s runs for %s units", out.size(), expected);
    return out;
  }
}
