package org.asrnas.nas.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Best-path CTC decoding (argmax per frame, collapse repeats, drop blanks) and Levenshtein
 * distance, for the phone error rate printed during training. The decoder module has the real
 * decoders; this one only has to be right.
 */
public final class Greedy {
  private Greedy() {}

  /** Greedy labels of utterance {@code b} of (batch, time, vocab) activations. */
  public static int[] decode(float[] act, int b, int time, int vocab, int frames) {
    List<Integer> out = new ArrayList<>();
    int prev = -1;
    for (int t = 0; t < frames; t++) {
      int base = (b * time + t) * vocab;
      int best = 0;
      for (int k = 1; k < vocab; k++) {
        if (act[base + k] > act[base + best]) {
          best = k;
        }
      }
      if (best != prev && best != 0) {
        out.add(best);
      }
      prev = best;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Substitutions + insertions + deletions turning {@code ref} into {@code hyp}. */
  public static int editDistance(int[] ref, int[] hyp) {
    int[] prev = new int[hyp.length + 1];
    int[] cur = new int[hyp.length + 1];
    for (int j = 0; j <= hyp.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= ref.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= hyp.length; j++) {
        int sub = prev[j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[hyp.length];
  }
}
