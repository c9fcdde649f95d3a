package org.asrnas.nas.ctc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CTC-CRF against brute-force enumeration of every frame-level path, and finite differences. */
class CtcCrfLossTest {
  static final int V = 4;
  static final List<int[]> SENTENCES =
      List.of(
          new int[] {1, 2},
          new int[] {1, 2, 3},
          new int[] {2, 3, 1},
          new int[] {3},
          new int[] {1, 1, 2},
          new int[] {2, 2, 3, 1},
          new int[] {1, 2, 3, 1, 2},
          new int[] {3, 1, 2});

  /** B: merge repeats, drop blanks. */
  static int[] collapse(int[] path) {
    List<Integer> out = new ArrayList<>();
    int prev = -1;
    for (int k : path) {
      if (k != prev && k != 0) {
        out.add(k);
      }
      prev = k;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static double[][] logSoftmax(float[] act, int off, int frames) {
    double[][] lp = new double[frames][V];
    for (int t = 0; t < frames; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < V; k++) {
        max = Math.max(max, act[off + t * V + k]);
      }
      double s = 0;
      for (int k = 0; k < V; k++) {
        s += Math.exp(act[off + t * V + k] - max);
      }
      for (int k = 0; k < V; k++) {
        lp[t][k] = act[off + t * V + k] - max - Math.log(s);
      }
    }
    return lp;
  }

  /** {num, Z, gamma_num (T x V), gamma_den (T x V)} by enumerating all V^T paths. */
  static double[][][] brute(double[][] lp, int[] target, PhoneLm lm, DenominatorGraph g) {
    int frames = lp.length;
    int paths = (int) Math.pow(V, frames);
    double num = 0;
    double z = 0;
    double[][] gNum = new double[frames][V];
    double[][] gDen = new double[frames][V];
    int[] path = new int[frames];
    for (int p = 0; p < paths; p++) {
      int x = p;
      double score = 0;
      for (int t = 0; t < frames; t++) {
        path[t] = x % V;
        x /= V;
        score += lp[t][path[t]];
      }
      int[] l = collapse(path);
      double lmLp = lm.logProb(l);
      // the graph's path weight is the LM probability of the collapsed sequence
      assertEquals(lmLp, g.pathLogWeight(path), 1e-12, java.util.Arrays.toString(path));
      double den = Math.exp(score + lmLp);
      z += den;
      boolean isNum = java.util.Arrays.equals(l, target);
      if (isNum) {
        num += Math.exp(score);
      }
      for (int t = 0; t < frames; t++) {
        gDen[t][path[t]] += den;
        if (isNum) {
          gNum[t][path[t]] += Math.exp(score);
        }
      }
    }
    for (int t = 0; t < frames; t++) {
      for (int k = 0; k < V; k++) {
        gDen[t][k] /= z;
        gNum[t][k] /= num;
      }
    }
    return new double[][][] {{{num, z}}, gNum, gDen};
  }

  static float[] randomActivations(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (scale * r.nextGaussian());
    }
    return a;
  }

  @Test
  void lossAndGradientEqualBruteForceEnumeration() {
    Random r = new Random(3);
    for (int order : new int[] {2, 3, 4}) {
      PhoneLm lm = PhoneLm.estimate(SENTENCES, V, new PhoneLm.Options(order, 2, 1));
      DenominatorGraph g = DenominatorGraph.compose(lm);
      double lambda = 0.1;
      CtcCrfLoss loss = new CtcCrfLoss(g, lm, lambda, 2);
      int maxT = 6;
      int[] lengths = {6, 5, 4, 6};
      int[][] targets = {{1, 2}, {2, 3, 1}, {3}, {1, 1, 2}};
      float[] act = randomActivations(r, targets.length * maxT * V, 2.0);
      CtcCrfLoss.Detail d =
          loss.computeDetail(act, targets.length, maxT, V, lengths, targets, CtcLoss.Reduction.SUM);
      for (int b = 0; b < targets.length; b++) {
        double[][] lp = logSoftmax(act, b * maxT * V, lengths[b]);
        double[][][] bf = brute(lp, targets[b], lm, g);
        double num = bf[0][0][0];
        double z = bf[0][0][1];
        String at = "order " + order + " utterance " + b;
        assertFalse(d.result().skipped()[b], at);
        assertEquals(-Math.log(num), d.ctcLosses()[b], 1e-9, at);
        assertEquals(Math.log(z), d.logZ()[b], 1e-9, at);
        assertEquals(lm.logProb(targets[b]), d.lmLogProbs()[b], 0.0, at);
        double logPost = Math.log(num) + lm.logProb(targets[b]) - Math.log(z);
        assertEquals(logPost, d.logPosterior(b), 1e-9, at);
        assertTrue(logPost <= 1e-12, "a posterior is at most 1: " + logPost);
        assertEquals((1 + lambda) * -Math.log(num) + Math.log(z), d.result().losses()[b], 1e-9, at);
        for (int t = 0; t < maxT; t++) {
          for (int k = 0; k < V; k++) {
            double want = 0;
            if (t < lengths[b]) {
              double y = Math.exp(lp[t][k]);
              want = bf[2][t][k] - bf[1][t][k] + lambda * (y - bf[1][t][k]);
            }
            float got = d.result().gradient()[(b * maxT + t) * V + k];
            assertEquals(want, got, 2e-6, at + " t=" + t + " k=" + k);
          }
        }
      }
    }
  }

  @Test
  void theTwinRecursionEqualsTheRecursionOverEveryArc() {
    Random r = new Random(8);
    for (int order : new int[] {2, 3, 4}) {
      PhoneLm lm = PhoneLm.estimate(SENTENCES, V, new PhoneLm.Options(order, 2, 2));
      DenominatorGraph g = DenominatorGraph.compose(lm);
      assertTrue(g.pairs != null, "T o G has the twin structure");
      DenominatorGraph plain = g.arcsOnly();
      assertTrue(plain.pairs == null);
      int maxT = 40;
      int[] lengths = {40, 33, 12};
      int[][] targets = {{1, 2, 3, 1, 2}, {2, 3, 1, 1, 2, 2, 3}, {3, 1}};
      // peaky activations, as of a trained network
      float[] act = randomActivations(r, 3 * maxT * V, 8.0);
      CtcCrfLoss.Detail a =
          new CtcCrfLoss(g, lm, 0.1, 1)
              .computeDetail(act, 3, maxT, V, lengths, targets, CtcLoss.Reduction.SUM);
      CtcCrfLoss.Detail b =
          new CtcCrfLoss(plain, lm, 0.1, 1)
              .computeDetail(act, 3, maxT, V, lengths, targets, CtcLoss.Reduction.SUM);
      for (int i = 0; i < 3; i++) {
        assertEquals(b.logZ()[i], a.logZ()[i], 1e-9 * Math.abs(b.logZ()[i]));
      }
      for (int i = 0; i < act.length; i++) {
        assertEquals(b.result().gradient()[i], a.result().gradient()[i], 1e-6, "entry " + i);
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesOfTheObjective() {
    PhoneLm lm = PhoneLm.estimate(SENTENCES, V, PhoneLm.Options.of(3));
    DenominatorGraph g = DenominatorGraph.compose(lm);
    CtcCrfLoss loss = new CtcCrfLoss(g, lm, 0.01, 1);
    Random r = new Random(5);
    int maxT = 6;
    int[] lengths = {6, 5};
    int[][] targets = {{2, 3, 1}, {1, 2}};
    float[] act = randomActivations(r, 2 * maxT * V, 1.0);
    CtcLoss.Result base = loss.compute(act, 2, maxT, V, lengths, targets, CtcLoss.Reduction.MEAN);
    double worst = 0;
    for (int i = 0; i < act.length; i++) {
      float keep = act[i];
      float up = keep + 1e-2f;
      float down = keep - 1e-2f;
      act[i] = up;
      double lu = loss.compute(act, 2, maxT, V, lengths, targets, CtcLoss.Reduction.MEAN).loss();
      act[i] = down;
      double ld = loss.compute(act, 2, maxT, V, lengths, targets, CtcLoss.Reduction.MEAN).loss();
      act[i] = keep;
      double fd = (lu - ld) / ((double) up - down);
      worst = Math.max(worst, Math.abs(fd - base.gradient()[i]));
      assertEquals(fd, base.gradient()[i], 1e-4, "activation " + i);
    }
    assertTrue(worst > 0);
  }

  @Test
  void infeasibleUtterancesAreSkippedAndCounted() {
    PhoneLm lm = PhoneLm.estimate(SENTENCES, V, PhoneLm.Options.of(3));
    DenominatorGraph g = DenominatorGraph.compose(lm);
    CtcCrfLoss loss = new CtcCrfLoss(g, lm, 0.1, 1);
    // "1 1 2" needs 4 frames; 3 are given. "2 3 1" fits 3 frames.
    float[] act = randomActivations(new Random(1), 2 * 3 * V, 1.0);
    int[][] targets = {{1, 1, 2}, {2, 3, 1}};
    CtcLoss.Result res =
        loss.compute(act, 2, 3, V, new int[] {3, 3}, targets, CtcLoss.Reduction.SUM);
    assertArrayEquals(new boolean[] {true, false}, res.skipped());
    assertEquals(1, res.skippedCount());
    assertEquals(0.0, res.losses()[0], 0.0);
    for (int i = 0; i < 3 * V; i++) {
      assertEquals(0f, res.gradient()[i], 0f);
    }
    assertTrue(Double.isFinite(res.loss()));
    assertEquals(res.losses()[1], res.loss(), 0.0);
  }

  @Test
  void aSequenceOutsideThePhoneLmStillTrainsButHasNoPosterior() {
    // "3 3" (c c) never occurs in the sentences: p_LM = 0, the reported loss stays finite
    PhoneLm lm = PhoneLm.estimate(SENTENCES, V, PhoneLm.Options.of(3));
    CtcCrfLoss loss = new CtcCrfLoss(DenominatorGraph.compose(lm), lm, 0.1, 1);
    float[] act = randomActivations(new Random(2), 5 * V, 1.0);
    CtcCrfLoss.Detail d =
        loss.computeDetail(
            act, 1, 5, V, new int[] {5}, new int[][] {{3, 3}}, CtcLoss.Reduction.SUM);
    assertFalse(d.result().skipped()[0]);
    assertTrue(Double.isFinite(d.result().loss()));
    assertEquals(Double.NEGATIVE_INFINITY, d.lmLogProbs()[0], 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, d.logPosterior(0), 0.0);
  }

  @Test
  void nanActivationsGiveANanLossNotAnException() {
    PhoneLm lm = PhoneLm.estimate(SENTENCES, V, PhoneLm.Options.of(3));
    CtcCrfLoss loss = new CtcCrfLoss(DenominatorGraph.compose(lm), lm, 0.1, 1);
    float[] act = randomActivations(new Random(2), 5 * V, 1.0);
    act[7] = Float.NaN;
    CtcLoss.Result res =
        loss.compute(act, 1, 5, V, new int[] {5}, new int[][] {{1, 2}}, CtcLoss.Reduction.SUM);
    assertTrue(Double.isNaN(res.loss()));
  }

  @Test
  void lambdaZeroIsTheCrfAloneAndTheCriterionInjectsItsGradient() {
    PhoneLm lm = PhoneLm.estimate(SENTENCES, V, PhoneLm.Options.of(2));
    DenominatorGraph g = DenominatorGraph.compose(lm);
    float[] act = randomActivations(new Random(9), 6 * V, 1.0);
    CtcCrfLoss.Detail d =
        new CtcCrfLoss(g, lm, 0, 1)
            .computeDetail(
                act, 1, 6, V, new int[] {6}, new int[][] {{1, 2}}, CtcLoss.Reduction.SUM);
    assertEquals(d.ctcLosses()[0] + d.logZ()[0], d.result().loss(), 1e-12);
    // per frame the CRF gradient sums to 0 (both occupancies sum to 1)
    for (int t = 0; t < 6; t++) {
      double s = 0;
      for (int k = 0; k < V; k++) {
        s += d.result().gradient()[t * V + k];
      }
      assertEquals(0, s, 1e-6);
    }
  }
}
