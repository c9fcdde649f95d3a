package org.asrnas.nas.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.features.Deltas;

/**
 * A padded batch on the host.
 *
 * @param ids utterance ids
 * @param features (batch, maxFrames, dim) row-major, padded with zeros
 * @param maxFrames padded length
 * @param dim feature dimension after deltas
 * @param lengths valid frames per utterance
 * @param targets unit ids per utterance
 */
public record Batch(
    List<String> ids, float[] features, int maxFrames, int dim, int[] lengths, int[][] targets) {

  public int size() {
    return ids.size();
  }

  public long validFrames() {
    long n = 0;
    for (int l : lengths) {
      n += l;
    }
    return n;
  }

  /**
   * Groups utterances into batches of similar length whose padded size (count x longest) stays
   * within {@code batchFrames}; an utterance longer than that gets a batch of its own. Returns
   * index lists into {@code items}, shortest first; the caller shuffles their order per epoch.
   */
  public static List<int[]> plan(List<Corpus.Item> items, int batchFrames) {
    Checks.checkArgument(batchFrames >= 1, "batchFrames must be >= 1");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer>comparingInt(i -> items.get(i).frames())
            .thenComparing(i -> items.get(i).id()));
    List<int[]> out = new ArrayList<>();
    List<Integer> cur = new ArrayList<>();
    int longest = 0;
    for (int i : order) {
      int f = items.get(i).frames();
      if (!cur.isEmpty() && (long) (cur.size() + 1) * Math.max(longest, f) > batchFrames) {
        out.add(cur.stream().mapToInt(Integer::intValue).toArray());
        cur.clear();
        longest = 0;
      }
      cur.add(i);
      longest = Math.max(longest, f);
    }
    if (!cur.isEmpty()) {
      out.add(cur.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /**
   * Builds the padded batch: optional SpecAugment on the base features, then deltas.
   *
   * @param augment SpecAugment settings, or null for none
   * @param random the epoch's SpecAugment stream (ignored without augment)
   */
  public static Batch of(
      List<Corpus.Item> items,
      int[] indices,
      int deltaOrder,
      int deltaWindow,
      SpecAugment augment,
      Random random) {
    int n = indices.length;
    FloatMatrix[] feats = new FloatMatrix[n];
    int maxFrames = 0;
    int dim = -1;
    List<String> ids = new ArrayList<>(n);
    int[] lengths = new int[n];
    int[][] targets = new int[n][];
    for (int k = 0; k < n; k++) {
      Corpus.Item it = items.get(indices[k]);
      FloatMatrix base = it.features();
      if (augment != null) {
        base = augment.apply(base, random);
      }
      feats[k] = deltaOrder == 0 ? base : Deltas.compute(base, deltaOrder, deltaWindow);
      maxFrames = Math.max(maxFrames, feats[k].rows());
      dim = feats[k].cols();
      ids.add(it.id());
      lengths[k] = feats[k].rows();
      targets[k] = it.targets();
    }
    float[] data = new float[n * maxFrames * dim];
    for (int k = 0; k < n; k++) {
      System.arraycopy(feats[k].data(), 0, data, k * maxFrames * dim, feats[k].data().length);
    }
    return new Batch(ids, data, maxFrames, dim, lengths, targets);
  }
}
