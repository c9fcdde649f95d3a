package org.asrnas.decoder;

/** Log-space helpers (natural log). */
final class LogMath {
  private LogMath() {}

  /** log(exp(a) + exp(b)), exact for -infinity operands. */
  static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
  }

  /**
   * Partially sorts {@code idx[0..n)} so that its first {@code k} entries index the {@code k}
   * largest {@code score} values (quickselect, no allocation); returns {@code min(k, n)}.
   */
  static int selectTop(int[] idx, int n, int k, double[] score) {
    if (k >= n) {
      return n;
    }
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = score[idx[(lo + hi) >>> 1]];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (score[idx[i]] > pivot) {
          i++;
        }
        while (score[idx[j]] < pivot) {
          j--;
        }
        if (i <= j) {
          int t = idx[i];
          idx[i] = idx[j];
          idx[j] = t;
          i++;
          j--;
        }
      }
      if (k - 1 <= j) {
        hi = j;
      } else if (k - 1 >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return k;
  }

  /** Sorts {@code idx[0..n)} by descending score, ties by ascending index (insertion sort). */
  static void sortDescending(int[] idx, int n, double[] score) {
    for (int i = 1; i < n; i++) {
      int x = idx[i];
      int j = i - 1;
      while (j >= 0 && (score[idx[j]] < score[x] || (score[idx[j]] == score[x] && idx[j] > x))) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = x;
    }
  }
}
