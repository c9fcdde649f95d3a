package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class BatchTest {
  private static List<Corpus.Item> items(int... frames) {
    List<Corpus.Item> out = new ArrayList<>();
    for (int i = 0; i < frames.length; i++) {
      float[] d = new float[frames[i] * 2];
      Arrays.fill(d, i + 1);
      out.add(new Corpus.Item("u" + i, new FloatMatrix(frames[i], 2, d), new int[] {1}));
    }
    return out;
  }

  @Test
  void planKeepsPaddedFramesWithinTheBudgetAndUsesEveryUtteranceOnce() {
    List<Corpus.Item> it = items(50, 10, 300, 45, 12, 11, 200, 1000, 60, 58);
    List<int[]> plan = Batch.plan(it, 200);
    boolean[] seen = new boolean[it.size()];
    for (int[] b : plan) {
      int longest = 0;
      for (int i : b) {
        assertTrue(!seen[i], "utterance " + i + " twice");
        seen[i] = true;
        longest = Math.max(longest, it.get(i).frames());
      }
      // an utterance longer than the budget gets a batch of its own
      assertTrue(b.length * longest <= 200 || b.length == 1, Arrays.toString(b));
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
  }

  @Test
  void paddedBatchHasDeltasAndZeroPadding() {
    List<Corpus.Item> it = items(5, 3);
    Batch b = Batch.of(it, new int[] {0, 1}, 2, 2, null, null);
    assertEquals(6, b.dim());
    assertEquals(5, b.maxFrames());
    assertEquals(List.of(5, 3), Arrays.stream(b.lengths()).boxed().toList());
    // second utterance: constant 2 -> statics 2, deltas 0; frames 3 and 4 are padding
    int base = 5 * 6;
    assertEquals(2f, b.features()[base]);
    assertEquals(0f, b.features()[base + 2], 1e-6f);
    assertEquals(0f, b.features()[base + 3 * 6]);
  }

  @Test
  void specAugmentIsSeededAndMasksWithinLimits() {
    FloatMatrix m = new FloatMatrix(100, 40, filled(100 * 40));
    SpecAugment sa = new SpecAugment(2, 10, 2, 40);
    FloatMatrix a = sa.apply(m, new Random(3));
    FloatMatrix b = sa.apply(m, new Random(3));
    assertEquals(a, b);
    assertNotEquals(m, a);
    int zeroed = 0;
    for (float v : a.data()) {
      zeroed += v == 0f ? 1 : 0;
    }
    // at most 2 x 10 bins over 100 frames plus 2 x 20 frames (width capped at frames / 5)
    assertTrue(zeroed <= 2 * 10 * 100 + 2 * 20 * 40, "zeroed " + zeroed);
  }

  private static float[] filled(int n) {
    float[] d = new float[n];
    Arrays.fill(d, 1f);
    return d;
  }
}
