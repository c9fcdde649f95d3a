package org.asrnas.nas.search;

import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.nas.model.Supernet;

/**
 * ProxylessNAS-style (Cai et al. 2019): the α step draws two distinct candidates per node from π
 * and one active gate from π restricted to them; only their two logits are updated, then shifted so
 * that the other candidates' probabilities are unchanged (ProxylessNAS's rescaling). The weight
 * step trains one path drawn from π.
 */
final class Proxyless extends Strategy {
  Proxyless() {
    super("proxyless", Trait.ALTERNATES);
  }

  @Override
  SearchSteps.Result alphaStep(SearchSteps steps, Step s) {
    Random r = s.random();
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
        steps.alphaOnly(s.batch(), new Supernet.BinaryGates(pairs, active), s.lr(), s.parent());
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
  SearchSteps.Result weightStep(SearchSteps steps, Step s) {
    return steps.pathStep(s, SearchSteps.samplePath(steps.net().pi(), s.random()));
  }

  private static double logSumExp(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }
}
