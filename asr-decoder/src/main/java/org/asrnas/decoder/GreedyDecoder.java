package org.asrnas.decoder;

import java.util.List;
import org.asrnas.core.io.FloatMatrix;

/**
 * Best-path CTC decoding: the most probable unit per frame, repeats merged, blanks dropped (Graves
 * et al. 2006, section 3.2). The score is the log-probability of that single alignment.
 */
public final class GreedyDecoder implements CtcDecoder {
  private int[] buffer = new int[256];

  @Override
  public List<Hypothesis> decode(FloatMatrix logProbs) {
    int rows = logProbs.rows();
    int cols = logProbs.cols();
    float[] d = logProbs.data();
    if (buffer.length < rows) {
      buffer = new int[Math.max(rows, buffer.length * 2)];
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
        buffer[n++] = best;
      }
      prev = best;
    }
    int[] units = java.util.Arrays.copyOf(buffer, n);
    return List.of(new Hypothesis(units, List.of(), score, score, 0));
  }
}
