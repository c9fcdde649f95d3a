package org.asrnas.decoder.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Levenshtein alignment with sclite's costs and tie-breaking (SCTK {@code src/sclite/net_dp.c} and
 * {@code word.c}, {@code wwd_WORD}): correct 0, substitution 4, insertion and deletion 3. A cell
 * takes the diagonal (correct or substitution) when it is no worse than both others, else the
 * deletion when strictly better than the insertion, else the insertion; the first row holds
 * insertions, the first column deletions; the path is traced back from the last cell. Those rules
 * decide between alignments of equal cost, so the S/D/I counts equal sclite's, not only the cost.
 */
public final class Aligner {
  static final int SUB = 4;
  static final int INS = 3;
  static final int DEL = 3;
  static final int OPTIONAL_GAP = 2;

  private Aligner() {}

  /** Aligns reference and hypothesis words (compared exactly; fold case before if needed). */
  public static Alignment align(List<String> ref, List<String> hyp) {
    return align(ref, hyp, false, false);
  }

  /**
   * Aligns with sclite's {@code -F} and {@code -D} conventions ({@code word.c}: {@code wwd_WORD},
   * {@code equal_WORD2}, {@code decode_fragment}, {@code decode_opt_del}).
   *
   * <p>{@code optionalDeletable} ({@code -D}): a word written {@code (w)} matches {@code w}; left
   * out it costs 2 instead of 3 (correct 0 &lt; optional deletion 2 &lt; insertion or deletion 3
   * &lt; substitution 4) and counts as correct. {@code fragmentsCorrect} ({@code -F}): a word
   * {@code wor-} matches any word that begins with {@code wor}, {@code -ord} any word that ends
   * with {@code ord}. The tie-breaking is that of {@link #align(List, List)}.
   */
  public static Alignment align(
      List<String> ref, List<String> hyp, boolean fragmentsCorrect, boolean optionalDeletable) {
    Word[] r = words(ref, fragmentsCorrect, optionalDeletable);
    Word[] h = words(hyp, fragmentsCorrect, optionalDeletable);
    int n = r.length;
    int m = h.length;
    int[][] cost = new int[n + 1][m + 1];
    byte[][] back = new byte[n + 1][m + 1]; // 0 diag, 1 del (up), 2 ins (left)
    for (int b = 1; b <= m; b++) {
      cost[0][b] = cost[0][b - 1] + h[b - 1].gapCost();
      back[0][b] = 2;
    }
    for (int a = 1; a <= n; a++) {
      cost[a][0] = cost[a - 1][0] + r[a - 1].gapCost();
      back[a][0] = 1;
      for (int b = 1; b <= m; b++) {
        int sub = cost[a - 1][b - 1] + (r[a - 1].matches(h[b - 1]) ? 0 : SUB);
        int del = cost[a - 1][b] + r[a - 1].gapCost();
        int ins = cost[a][b - 1] + h[b - 1].gapCost();
        if (sub <= del && sub <= ins) {
          cost[a][b] = sub;
          back[a][b] = 0;
        } else if (del < ins) {
          cost[a][b] = del;
          back[a][b] = 1;
        } else {
          cost[a][b] = ins;
          back[a][b] = 2;
        }
      }
    }
    List<Alignment.Edit> edits = new ArrayList<>(n + m);
    int a = n;
    int b = m;
    while (a > 0 || b > 0) {
      switch (back[a][b]) {
        case 0 -> {
          Word x = r[a - 1];
          Word y = h[b - 1];
          edits.add(
              new Alignment.Edit(
                  x.matches(y) ? Alignment.Op.CORRECT : Alignment.Op.SUBSTITUTION, x.text, y.text));
          a--;
          b--;
        }
        case 1 -> {
          Word x = r[a - 1];
          edits.add(
              new Alignment.Edit(
                  x.optional ? Alignment.Op.CORRECT : Alignment.Op.DELETION, x.text, null));
          a--;
        }
        default -> {
          Word y = h[b - 1];
          edits.add(
              new Alignment.Edit(
                  y.optional ? Alignment.Op.CORRECT : Alignment.Op.INSERTION, null, y.text));
          b--;
        }
      }
    }
    Collections.reverse(edits);
    return new Alignment(edits);
  }

  private static Word[] words(List<String> w, boolean fragments, boolean optional) {
    Word[] out = new Word[w.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Word.of(w.get(i), fragments, optional);
    }
    return out;
  }

  /**
   * A word as sclite's {@code WORD}: its text, the text compared ({@code (w)} without the
   * parentheses when optionally deletable), and the fragment flag.
   */
  private record Word(String text, String inner, boolean optional, boolean fragment) {
    static Word of(String w, boolean fragments, boolean optionalDeletable) {
      int len = w.length();
      boolean optional =
          optionalDeletable && len >= 2 && w.charAt(0) == '(' && w.charAt(len - 1) == ')';
      String inner = optional ? w.substring(1, len - 1) : w;
      boolean fragment =
          fragments
              && len > 0
              && (w.charAt(len - 1) == '-'
                  || w.charAt(0) == '-'
                  || (optional && len >= 2 && w.charAt(len - 2) == '-'));
      return new Word(w, inner, optional, fragment);
    }

    int gapCost() {
      return optional ? OPTIONAL_GAP : INS;
    }

    /**
     * sclite's {@code equal_WORD2}, which tests the hyphens of both words once either is a
     * fragment.
     */
    boolean matches(Word o) {
      String x = inner;
      String y = o.inner;
      if (fragment || o.fragment) {
        int lx = x.length();
        int ly = y.length();
        if (lx > 1 && x.charAt(0) == '-') {
          return ly >= lx - 1 && x.substring(1).equals(y.substring(ly - (lx - 1)));
        } else if (lx > 1 && x.charAt(lx - 1) == '-') {
          return y.startsWith(x.substring(0, lx - 1));
        }
        if (ly > 1 && y.charAt(0) == '-') {
          return lx >= ly - 1 && y.substring(1).equals(x.substring(lx - (ly - 1)));
        } else if (ly > 1 && y.charAt(ly - 1) == '-') {
          return x.startsWith(y.substring(0, ly - 1));
        }
      }
      return x.equals(y);
    }
  }
}
