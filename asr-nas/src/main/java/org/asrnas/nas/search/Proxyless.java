package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Batch;

/**
 * ProxylessNAS-style (Cai et al. 2019): the α step draws two distinct candidates per node from π
 * and one active gate from π restricted to them; only their two logits are updated, then shifted so
 * that the other candidates' probabilities are unchanged (ProxylessNAS's rescaling). The weight
 * step trains one path drawn from π.
 */
final class Proxyless implements Strategy {
  @Override
  public String label() {
    return "proxyless";
  }

  @Override
  public boolean alternates() {
    return true;
  }

  @Override
  public SearchSteps.Result alphaStep(
      SearchSteps steps, Batch batch, Random r, double lr, double tau, NDManager parent) {
    Supernet net = steps.net();
    double[][] pi = net.pi();
    int n = pi.length;
    int[][] pairs = new int[n][];
    int[] active = new int[n];
    for (int i = 0; i < n; i++) {
      int k = pi[i].length;
      Checks.checkArgument(k >= 2, "ProxylessNAS needs two candidates at node %s", i);
      int a = SearchSteps.sample(pi[i], r);
      double[] rest = pi[i].clone();
      rest[a] = 0;
      double z = 1 - pi[i][a];
      for (int j = 0; j < k; j++) {
        rest[j] = z > 0 ? rest[j] / z : (j == a ? 0 : 1.0 / (k - 1));
      }
      int b = SearchSteps.sample(rest, r);
      pairs[i] = new int[] {a, b};
      double pa = pi[i][a] / (pi[i][a] + pi[i][b]);
      active[i] = r.nextDouble() < pa ? a : b;
    }
    double[][] before = net.logitValues();
    SearchSteps.Result res =
        steps.alphaOnly(batch, new Supernet.BinaryGates(pairs, active), lr, parent);
    double[][] after = net.logitValues();
    for (int i = 0; i < n; i++) {
      int a = pairs[i][0];
      int b = pairs[i][1];
      // keep the pair's total probability mass: shift both by log Σ exp(old) − log Σ exp(new)
      double offset = logSumExp(before[i][a], before[i][b]) - logSumExp(after[i][a], after[i][b]);
      after[i][a] += offset;
      after[i][b] += offset;
      net.setLogits(i, after[i]);
    }
    return res;
  }

  @Override
  public SearchSteps.Result weightStep(
      SearchSteps steps,
      Batch batch,
      Random r,
      double lr,
      double alphaLr,
      double tau,
      NDManager parent) {
    return steps.pathStep(batch, SearchSteps.samplePath(steps.net().pi(), r), lr, parent);
  }

  private static double logSumExp(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  @Override
  public String toString() {
    return label();
  }
}
