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

  private Aligner() {}

  /** Aligns reference and hypothesis words (compared exactly; fold case before if needed). */
  public static Alignment align(List<String> ref, List<String> hyp) {
    int n = ref.size();
    int m = hyp.size();
    int[][] cost = new int[n + 1][m + 1];
    byte[][] back = new byte[n + 1][m + 1]; // 0 diag, 1 del (up), 2 ins (left)
    for (int b = 1; b <= m; b++) {
      cost[0][b] = cost[0][b - 1] + INS;
      back[0][b] = 2;
    }
    for (int a = 1; a <= n; a++) {
      cost[a][0] = cost[a - 1][0] + DEL;
      back[a][0] = 1;
      String r = ref.get(a - 1);
      for (int b = 1; b <= m; b++) {
        int sub = cost[a - 1][b - 1] + (r.equals(hyp.get(b - 1)) ? 0 : SUB);
        int del = cost[a - 1][b] + DEL;
        int ins = cost[a][b - 1] + INS;
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
          String r = ref.get(a - 1);
          String h = hyp.get(b - 1);
          edits.add(
              new Alignment.Edit(
                  r.equals(h) ? Alignment.Op.CORRECT : Alignment.Op.SUBSTITUTION, r, h));
          a--;
          b--;
        }
        case 1 -> {
          edits.add(new Alignment.Edit(Alignment.Op.DELETION, ref.get(a - 1), null));
          a--;
        }
        default -> {
          edits.add(new Alignment.Edit(Alignment.Op.INSERTION, null, hyp.get(b - 1)));
          b--;
        }
      }
    }
    Collections.reverse(edits);
    return new Alignment(edits);
  }
}
