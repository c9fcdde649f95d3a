package org.asrnas.decoder;

import java.util.Arrays;

/**
 * Back-pointers of the beam decoders' best paths: an arena of finished unit runs, each linked to
 * the run before it on the same path, so that hypotheses sharing a history share its records.
 * Records are only appended (cleared per utterance); a hypothesis holds the index of its last
 * finished run plus its current run in plain fields.
 *
 * <p>A run is the frames [start, end) where the path emits one unit; {@code logSum} is the sum of
 * the unit's log-probabilities over those frames, so {@link #confidence} is their geometric mean
 * posterior.
 */
final class UnitTrace {
  /** "No record": the start of the path. */
  static final int NONE = -1;

  private int[] unit = new int[1024];
  private int[] start = new int[1024];
  private int[] end = new int[1024];
  private double[] logSum = new double[1024];
  private boolean[] wordEnd = new boolean[1024];
  private int[] parent = new int[1024];
  private int count;

  void clear() {
    count = 0;
  }

  /** Appends a finished run and returns its index. */
  int push(int u, int s, int e, double sum, boolean endsWord, int prev) {
    if (count == unit.length) {
      int n = count * 2;
      unit = Arrays.copyOf(unit, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      logSum = Arrays.copyOf(logSum, n);
      wordEnd = Arrays.copyOf(wordEnd, n);
      parent = Arrays.copyOf(parent, n);
    }
    unit[count] = u;
    start[count] = s;
    end[count] = e;
    logSum[count] = sum;
    wordEnd[count] = endsWord;
    parent[count] = prev;
    return count++;
  }

  int unit(int r) {
    return unit[r];
  }

  int start(int r) {
    return start[r];
  }

  int end(int r) {
    return end[r];
  }

  double logSum(int r) {
    return logSum[r];
  }

  boolean wordEnd(int r) {
    return wordEnd[r];
  }

  int parent(int r) {
    return parent[r];
  }

  /** Records on the path ending at {@code r} (0 for {@link #NONE}). */
  int length(int r) {
    int n = 0;
    for (; r != NONE; r = parent[r]) {
      n++;
    }
    return n;
  }

  /**
   * Geometric mean posterior of a run: exp(logSum / frames), in [0, 1] for log-probabilities ≤ 0
   * (clamped against float rounding of a log-softmax that slightly exceeds 0).
   */
  static double confidence(double logSum, int frames) {
    return Math.min(1.0, Math.exp(logSum / frames));
  }
}
