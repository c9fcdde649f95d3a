package org.asrnas.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class PrefixBeamDecoderTest {
  @Test
  void greedyCollapsesRepeatsAndDropsBlanks() {
    FloatMatrix m = TestMatrices.peaked(new int[] {0, 1, 1, 0, 1, 2, 2, 0}, 3, 0.9);
    Hypothesis h = new GreedyDecoder().best(m);
    assertArrayEquals(new int[] {1, 1, 2}, h.units());
    assertEquals(8 * Math.log(0.9), h.score(), 1e-5);
  }

  @Test
  void greedyEqualsBeamOfSizeOneOnPeakedInputs() {
    Random r = new Random(7);
    PrefixBeamDecoder beam1 =
        new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults().withBeamSize(1));
    GreedyDecoder greedy = new GreedyDecoder();
    for (int i = 0; i < 200; i++) {
      int units = 2 + r.nextInt(8);
      int frames = 1 + r.nextInt(40);
      int[] path = new int[frames];
      for (int t = 0; t < frames; t++) {
        path[t] = r.nextInt(units);
      }
      FloatMatrix m = TestMatrices.peaked(path, units, 0.95);
      assertArrayEquals(
          greedy.best(m).units(), beam1.best(m).units(), "case " + i + " " + Arrays.toString(path));
    }
  }

  @Test
  void fullBeamEqualsBruteForceSumOverAlignments() {
    Random r = new Random(11);
    for (int i = 0; i < 60; i++) {
      int frames = 1 + r.nextInt(5);
      int units = 2 + r.nextInt(2);
      FloatMatrix m = TestMatrices.random(r, frames, units, 1.5);
      Map<String, Double> exact = bruteForce(m);
      PrefixBeamDecoder d =
          new PrefixBeamDecoder(
              PrefixBeamDecoder.Options.defaults().withBeamSize(1000).withNBest(1000));
      List<Hypothesis> nbest = d.decode(m);
      assertEquals(exact.size(), nbest.size(), "every labelling is found");
      List<Map.Entry<String, Double>> sorted = new ArrayList<>(exact.entrySet());
      sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
      for (int k = 0; k < nbest.size(); k++) {
        Hypothesis h = nbest.get(k);
        assertEquals(exact.get(Arrays.toString(h.units())), h.score(), 1e-9, "labelling score");
        assertEquals(sorted.get(k).getValue(), h.score(), 1e-9, "rank " + k);
      }
    }
  }

  @Test
  void smallBeamFindsTheBruteForceBestOnPeakedInputs() {
    Random r = new Random(5);
    for (int i = 0; i < 40; i++) {
      int frames = 2 + r.nextInt(4);
      FloatMatrix m = TestMatrices.random(r, frames, 3, 4.0);
      Map<String, Double> exact = bruteForce(m);
      String best =
          exact.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      Hypothesis h =
          new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults().withBeamSize(8)).best(m);
      assertEquals(best, Arrays.toString(h.units()));
    }
  }

  @Test
  void pruningUnlikelyUnitsKeepsThePeakedAnswer() {
    FloatMatrix m = TestMatrices.peaked(new int[] {1, 0, 2, 2, 0, 3}, 5, 0.97);
    Hypothesis h =
        new PrefixBeamDecoder(PrefixBeamDecoder.Options.defaults().withUnitPruneLogProb(-3))
            .best(m);
    assertArrayEquals(new int[] {1, 2, 3}, h.units());
  }

  static Map<String, Double> bruteForce(FloatMatrix m) {
    Map<String, Double> out = new HashMap<>();
    TestMatrices.forEachAlignment(
        m.rows(),
        m.cols(),
        a -> {
          double s = 0;
          for (int t = 0; t < a.length; t++) {
            s += m.get(t, a[t]);
          }
          String k = Arrays.toString(TestMatrices.collapse(a));
          final double v = s;
          out.merge(k, v, LogMath::logAdd);
        });
    return out;
  }
}
