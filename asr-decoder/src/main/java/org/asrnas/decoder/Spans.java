package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.Checks;

/**
 * Helpers over {@link Span}s: grouping units into words, and comparing a decoder's times with a
 * reference alignment ({@link CtcAlignment}).
 */
public final class Spans {
  private Spans() {}

  /**
   * Word spans from unit spans: word i covers the next {@code unitsPerWord[i]} units (≥ 1), from
   * the first frame of its first unit to the end of its last, with confidence the frame-weighted
   * geometric mean of its units' confidences (the lexicon decoder's word confidence).
   */
  public static List<Span> words(List<Span> unitSpans, int[] unitsPerWord) {
    int total = 0;
    for (int n : unitsPerWord) {
      Checks.checkArgument(n >= 1, "a word needs at least one unit, got %s", n);
      total += n;
    }
    Checks.checkArgument(
        total == unitSpans.size(),
        "words cover %s units but there are %s unit spans",
        total,
        unitSpans.size());
    List<Span> out = new ArrayList<>(unitsPerWord.length);
    int k = 0;
    for (int n : unitsPerWord) {
      double logSum = 0;
      int frames = 0;
      for (int i = k; i < k + n; i++) {
        Span u = unitSpans.get(i);
        logSum += Math.log(u.confidence()) * u.frames();
        frames += u.frames();
      }
      out.add(
          new Span(
              unitSpans.get(k).startFrame(),
              unitSpans.get(k + n - 1).endFrame(),
              UnitTrace.confidence(logSum, frames)));
      k += n;
    }
    return out;
  }

  /** The midpoint of a span in frames ((start + end) / 2). */
  public static double midFrame(Span s) {
    return (s.startFrame() + s.endFrame()) / 2.0;
  }

  /**
   * How many tokens of a hypothesis sit where a reference alignment puts them.
   *
   * @param referenceTokens tokens of the reference
   * @param matched reference tokens that the hypothesis has at the aligned position (the longest
   *     common subsequence of the two token lists)
   * @param within matched tokens whose midpoints differ by at most the tolerance
   */
  public record Agreement(int referenceTokens, int matched, int within) {
    /** within / matched (1 when nothing matched). */
    public double withinShare() {
      return matched == 0 ? 1 : (double) within / matched;
    }

    /** Sum of two agreements (over several utterances). */
    public Agreement plus(Agreement o) {
      return new Agreement(
          referenceTokens + o.referenceTokens, matched + o.matched, within + o.within);
    }
  }

  /**
   * Matches hypothesis tokens to reference tokens (longest common subsequence, ties broken towards
   * earlier hypothesis tokens) and counts matched pairs whose midpoints ({@link #midFrame}) are at
   * most {@code toleranceFrames} apart: the time-accuracy measure of issue 15 (midpoints within 0.1
   * s of a forced alignment).
   */
  public static Agreement midpointAgreement(
      List<String> hypTokens,
      List<Span> hypSpans,
      List<String> refTokens,
      List<Span> refSpans,
      double toleranceFrames) {
    Checks.checkArgument(hypTokens.size() == hypSpans.size(), "one hypothesis span per token");
    Checks.checkArgument(refTokens.size() == refSpans.size(), "one reference span per token");
    int n = hypTokens.size();
    int m = refTokens.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            hypTokens.get(i).equals(refTokens.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int matched = 0;
    int within = 0;
    for (int i = 0, j = 0; i < n && j < m; ) {
      if (hypTokens.get(i).equals(refTokens.get(j)) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
        matched++;
        if (Math.abs(midFrame(hypSpans.get(i)) - midFrame(refSpans.get(j))) <= toleranceFrames) {
          within++;
        }
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return new Agreement(m, matched, within);
  }
}
