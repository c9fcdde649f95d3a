package org.asrnas.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class CtcAlignmentTest {
  @Test
  void viterbiEqualsTheBestOfAllAlignmentsOfTheReference() {
    Random r = new Random(3);
    int checked = 0;
    for (int i = 0; i < 150; i++) {
      int frames = 1 + r.nextInt(6);
      int units = 2 + r.nextInt(3);
      FloatMatrix m = TestMatrices.random(r, frames, units, 1.5);
      int[] ref = new int[r.nextInt(4)];
      for (int k = 0; k < ref.length; k++) {
        ref[k] = 1 + r.nextInt(units - 1);
      }
      double[] best = {Double.NEGATIVE_INFINITY};
      TestMatrices.forEachAlignment(
          frames,
          units,
          a -> {
            if (Arrays.equals(TestMatrices.collapse(a), ref)) {
              double s = 0;
              for (int t = 0; t < a.length; t++) {
                s += m.get(t, a[t]);
              }
              best[0] = Math.max(best[0], s);
            }
          });
      if (best[0] == Double.NEGATIVE_INFINITY) {
        assertThrows(IllegalArgumentException.class, () -> CtcAlignment.align(m, ref));
        continue;
      }
      CtcAlignment.Result a = CtcAlignment.align(m, ref);
      assertEquals(best[0], a.logProb(), 1e-9, "case " + i);
      int[] labels = a.frameLabels();
      assertArrayEquals(ref, TestMatrices.collapse(labels), "the labels spell the reference");
      double s = 0;
      for (int t = 0; t < frames; t++) {
        s += m.get(t, labels[t]);
      }
      assertEquals(a.logProb(), s, 1e-9, "the labels score what the aligner says");
      assertEquals(ref.length, a.unitSpans().size());
      checked++;
    }
    assertEquals(true, checked > 80, "checked " + checked);
  }

  @Test
  void spansAreTheRunsOfThePlantedPath() {
    // blank a a blank b blank blank b c
    int[] path = {0, 1, 1, 0, 2, 0, 0, 2, 3};
    FloatMatrix m = TestMatrices.peaked(path, 4, 0.9);
    CtcAlignment.Result a = CtcAlignment.align(m, new int[] {1, 2, 2, 3});
    assertArrayEquals(path, a.frameLabels());
    List<Span> s = a.unitSpans();
    assertEquals(List.of(1, 4, 7, 8), s.stream().map(Span::startFrame).toList());
    assertEquals(List.of(3, 5, 8, 9), s.stream().map(Span::endFrame).toList());
    assertEquals(0.9, s.get(0).confidence(), 1e-6);
    List<Span> w = a.wordSpans(new int[] {1, 3});
    assertEquals(new Span(1, 3, s.get(0).confidence()), w.get(0));
    assertEquals(4, w.get(1).startFrame());
    assertEquals(9, w.get(1).endFrame());
  }

  @Test
  void tooFewFramesOrBadUnitsAreCallerErrors() {
    FloatMatrix m = TestMatrices.peaked(new int[] {1, 1}, 3, 0.9);
    var e =
        assertThrows(IllegalArgumentException.class, () -> CtcAlignment.align(m, new int[] {1, 1}));
    assertEquals(true, e.getMessage().contains("2 frames cannot hold 2 units"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CtcAlignment.align(m, new int[] {0}));
    assertThrows(IllegalArgumentException.class, () -> CtcAlignment.align(m, new int[] {3}));
    assertArrayEquals(new int[] {0, 0}, CtcAlignment.align(m, new int[0]).frameLabels());
  }
}
