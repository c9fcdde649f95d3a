package org.asrnas.nas.train;

import java.util.Arrays;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.decoder.GreedyDecoder;
import org.asrnas.nas.ctc.CtcLoss;

/**
 * Held-out CTC loss and greedy phone error rate summed over batches, as the trainer reports them
 * ({@code heldout_loss}, {@code heldout_per}) and the search evaluates its supernet: the loss of
 * every utterance the criterion did not skip, and the Levenshtein distance (substitutions,
 * insertions and deletions at cost 1) between the best-path decoding ({@link GreedyDecoder}, the
 * decoder module's) and the reference units.
 */
public final class HeldOutTally {
  private final GreedyDecoder greedy = new GreedyDecoder();
  private double loss;
  private int utts;
  private long errors;
  private long refs;

  /**
   * Adds one batch.
   *
   * @param act network outputs (batch, time, vocab), row-major; the argmax per frame is all that
   *     the decoding uses, so activations or log-probabilities alike
   * @param size utterances in the batch
   * @param lengths output frames per utterance
   * @param targets reference units per utterance
   * @param r the criterion's per-utterance result ({@link CtcLoss.Reduction#NONE})
   */
  public void add(
      float[] act,
      int size,
      int time,
      int vocab,
      int[] lengths,
      int[][] targets,
      CtcLoss.Result r) {
    for (int b = 0; b < size; b++) {
      if (!r.skipped()[b]) {
        loss += r.losses()[b];
        utts++;
      }
      int from = b * time * vocab;
      FloatMatrix rows =
          new FloatMatrix(
              lengths[b], vocab, Arrays.copyOfRange(act, from, from + lengths[b] * vocab));
      errors += editDistance(targets[b], greedy.decode(rows).get(0).units());
      refs += targets[b].length;
    }
  }

  /** Loss per scored utterance; NaN when none was scored. */
  public double loss() {
    return utts == 0 ? Double.NaN : loss / utts;
  }

  /** Phone error rate in percent; NaN without reference units. */
  public double per() {
    return refs == 0 ? Double.NaN : 100.0 * errors / refs;
  }

  /** Utterances whose loss was scored. */
  public int utterances() {
    return utts;
  }

  /** Substitutions + insertions + deletions turning {@code ref} into {@code hyp}. */
  static int editDistance(int[] ref, int[] hyp) {
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
