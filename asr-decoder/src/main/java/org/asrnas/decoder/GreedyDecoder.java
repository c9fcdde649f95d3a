package org.asrnas.decoder;

import java.util.List;
import org.asrnas.core.io.FloatMatrix;

/**
 * Best-path CTC decoding: the most probable unit per frame, repeats merged, blanks dropped (Graves
 * et al. 2006, section 3.2). The score is the log-probability of that single alignment.
 *
 * <p>Times: the {@link Hypothesis#unitSpans() span} of a unit is the run of frames where the best
 * path emits it (first to last frame of the run, end exclusive). CTC models emit a unit in a one-
 * or two-frame peak, usually near the unit's onset, so a span marks where the unit was recognised,
 * not its full acoustic extent (the convention of CTC toolkits such as WeNet, whose timestamps are
 * token peaks; CTM in Kaldi's format carries these times, see docs/word-times.md). Confidence of a
 * unit: the geometric mean of its posteriors y_t(u) over the frames of its run, exp((1/|run|) Σ_{t
 * ∈ run} ln y_t(u)), in [0, 1]; low when a competitor nearly won those frames.
 */
public final class GreedyDecoder implements CtcDecoder {
  private int[] buffer = new int[256];
  private int[] starts = new int[256];
  private int[] ends = new int[256];
  private double[] sums = new double[256];

  @Override
  public List<Hypothesis> decode(FloatMatrix logProbs) {
    int rows = logProbs.rows();
    int cols = logProbs.cols();
    float[] d = logProbs.data();
    if (buffer.length < rows) {
      int n = Math.max(rows, buffer.length * 2);
      buffer = new int[n];
      starts = new int[n];
      ends = new int[n];
      sums = new double[n];
    }
    int n = 0;
    int prev = 0;
    double score = 0;
    for (int t = 0; t < rows; t++) {
      int off = t * cols;
      int best = 0;
      float bestValue = d[off];
      for (int u = 1; u < cols; u++) {
        if (d[off + u] > bestValue) {
          bestValue = d[off + u];
          best = u;
        }
      }
      score += bestValue;
      if (best != 0 && best != prev) {
        buffer[n] = best;
        starts[n] = t;
        ends[n] = t + 1;
        sums[n] = bestValue;
        n++;
      } else if (best != 0) {
        ends[n - 1] = t + 1;
        sums[n - 1] += bestValue;
      }
      prev = best;
    }
    int[] units = java.util.Arrays.copyOf(buffer, n);
    Span[] spans = new Span[n];
    for (int i = 0; i < n; i++) {
      spans[i] = new Span(starts[i], ends[i], UnitTrace.confidence(sums[i], ends[i] - starts[i]));
    }
    return List.of(new Hypothesis(units, List.of(), score, score, 0, List.of(spans), List.of()));
  }
}
