package org.asrnas.nas.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SupernetTest {
  /** Two searchable nodes around a fixed stride-3 layer; candidates differ in context. */
  static final String SPACE =
      """
      {"input_dim": 6, "units": 5, "width": 8, "dropout": 0.3,
       "candidates": ["tdnn-C1D1", "tdnn-C1D2", "tdnn-C2D1", "sepconv-K3"],
       "blocks": 2,
       "fixed": [{"after": 1, "op": "tdnn-C1D1S3"}]}
      """;

  private static NDArray features(NDManager m, int batch, int time, int dim, long seed) {
    Random r = new Random(seed);
    float[] v = new float[batch * time * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return m.create(v, new Shape(batch, time, dim));
  }

  @Test
  void oneLogitPerCandidateAtZeroAndSizesAddUp() {
    try (NDManager m = NDManager.newBaseManager()) {
      Supernet net = Supernet.create(ArchitectureSpec.parse(SPACE), m, 1);
      assertEquals(8, net.alphas().arrays().size());
      for (NDArray a : net.alphas().arrays().values()) {
        assertEquals(0f, a.getFloat(0));
      }
      assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, net.pi()[1], 1e-12);
      // a derived network counts exactly what AcousticModel builds for it
      int[] choice = {2, 3};
      AcousticModel derived =
          AcousticModel.create(net.space().derive(choice), m.newSubManager(), 1);
      assertEquals(derived.parameters().count(), net.parameterCount(choice));
      assertTrue(net.parameterCount() > net.parameterCount(choice));
    }
  }

  /**
   * The paper's sizes with its 72 output units: supernet about 35 M parameters, derived networks
   * 7.7 M to 11.9 M.
   */
  @Test
  void wsjSpaceHasThePapersSizes() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Supernet net =
          Supernet.create(
              ArchitectureSpec.read(java.nio.file.Path.of("../data/nas/stnas-wsj-space.json"))
                  .withUnits(72),
              m,
              1);
      assertEquals(35_319_752, net.parameterCount());
      assertEquals(7_662_792, net.parameterCount(new int[6]));
      assertEquals(11_912_392, net.parameterCount(new int[] {3, 3, 3, 3, 3, 3}));
    }
  }

  @Test
  void macsAfterTheStrideThreeLayerCostAThird() {
    try (NDManager m = NDManager.newBaseManager()) {
      Supernet net = Supernet.create(ArchitectureSpec.parse(SPACE), m, 1);
      double[][] c = net.candidateCosts(Supernet.CostKind.MACS);
      // tdnn-C1D1: 6*3*8 MACs per frame at 100 frames/s before, 8*3*8 at 100/3 after the stride
      assertEquals(6 * 3 * 8 * 100 / 1e6, c[0][0], 1e-12);
      assertEquals(8 * 3 * 8 * 100 / 3.0 / 1e6, c[1][0], 1e-12);
      double[][] p = net.candidateCosts(Supernet.CostKind.PARAMS);
      assertEquals((8 * 6 * 3 + 8 + 8 + 8) / 1e6, p[0][0], 1e-12);
    }
  }

  @Test
  void straightThroughForwardIsExactlyTheSampledPath() {
    try (NDManager m = NDManager.newBaseManager()) {
      Supernet net = Supernet.create(ArchitectureSpec.parse(SPACE), m, 3);
      // logits away from 0 so that 1 - π_s + π_s is not trivially exact
      net.setLogits(0, new double[] {0.3, -1.1, 0.7, 0.05});
      net.setLogits(1, new double[] {-0.2, 0.9, 0.1, -0.6});
      NDArray x = features(m, 3, 20, 6, 5);
      int[] lens = {20, 14, 9};
      for (int[] s : new int[][] {{0, 1}, {2, 3}, {3, 0}}) {
        float[] path =
            net.forward(x, lens, false, new Supernet.Path(s)).activations().toFloatArray();
        Supernet.Output st;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          st = net.forward(x, lens, false, new Supernet.StraightThrough(s));
        }
        assertArrayEquals(path, st.activations().toFloatArray(), 0f, "bit-exact for " + s[0]);
        assertEquals(net.alphas().arrays().keySet(), st.usedAlphas());
        // only the sampled candidates' weights can receive a gradient
        assertTrue(st.usedWeights().containsAll(net.candidateParameterNames(0, s[0])));
        assertFalse(
            st.usedWeights().contains(net.candidateParameterNames(0, (s[0] + 1) % 4).get(0)));
      }
    }
  }

  /**
   * The α gradient of the ST estimator equals the analytic ∂L/∂α_j = Σ_k ⟨∂L/∂y, o_k(x)⟩·π_k(δ_kj −
   * π_j), with ∂L/∂y measured through a zero probe added to each node's output and o_k computed
   * separately from each candidate on the node's input.
   */
  @Test
  void alphaGradientIsInnerProductOfOutputGradientWithEveryCandidate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Supernet net = Supernet.create(ArchitectureSpec.parse(SPACE), m, 7);
      double[][] logits = {{0.3, -1.1, 0.7, 0.05}, {-0.2, 0.9, 0.1, -0.6}};
      net.setLogits(0, logits[0]);
      net.setLogits(1, logits[1]);
      NDArray x = features(m, 2, 16, 6, 9);
      int[] lens = {16, 11};
      int[] sample = {1, 2};
      List<NDArray> probes = new ArrayList<>();
      List<NDArray> inputs = new ArrayList<>();
      List<int[]> inputLens = new ArrayList<>();
      net.tap =
          (i, in, l, y) -> {
            NDArray probe = m.zeros(y.getShape());
            probe.setRequiresGradient(true);
            probes.add(probe);
            inputs.add(in.stopGradient());
            inputLens.add(l.clone());
            return y.add(probe);
          };
      float[] r;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Supernet.Output out = net.forward(x, lens, false, new Supernet.StraightThrough(sample));
        Random rr = new Random(11);
        r = new float[(int) out.activations().getShape().size()];
        for (int i = 0; i < r.length; i++) {
          r[i] = (float) rr.nextGaussian();
        }
        NDArray loss = out.activations().mul(m.create(r, out.activations().getShape())).sum();
        // buffers whose handles the forward pass freed early are reclaimed now: a graph that still
        // read one would give a wrong gradient below
        System.gc();
        gc.backward(loss);
      }
      net.tap = null;
      double[][] pi = net.pi();
      for (int i = 0; i < 2; i++) {
        float[] dy = probes.get(i).getGradient().toFloatArray();
        int k0 = pi[i].length;
        double[] g = new double[k0];
        for (int k = 0; k < k0; k++) {
          float[] ok =
              net.candidateForward(i, k, inputs.get(i), inputLens.get(i), false).toFloatArray();
          for (int t = 0; t < ok.length; t++) {
            g[k] += (double) dy[t] * ok[t];
          }
        }
        for (int j = 0; j < k0; j++) {
          double expect = 0;
          for (int k = 0; k < k0; k++) {
            expect += g[k] * pi[i][k] * ((k == j ? 1 : 0) - pi[i][j]);
          }
          float got = net.alphas().get(net.alphaNames(i).get(j)).getGradient().getFloat(0);
          assertEquals(expect, got, 1e-4 * Math.max(1, Math.abs(expect)), "node " + i + " α" + j);
          assertNotEquals(0.0, expect, "every candidate contributes");
        }
        // unsampled candidates got no weight gradient: they were not in the graph
        for (int k = 0; k < k0; k++) {
          float gw =
              net.weights()
                  .get(net.candidateParameterNames(i, k).get(0))
                  .getGradient()
                  .abs()
                  .sum()
                  .getFloat();
          if (k == sample[i]) {
            assertTrue(gw > 0, "sampled candidate gets a weight gradient");
          } else {
            assertEquals(0f, gw, "candidate " + k + " of node " + i);
          }
        }
      }
    }
  }

  @Test
  void mixtureIsTheWeightedSumOfThePaths() {
    try (NDManager m = NDManager.newBaseManager()) {
      String one =
          "{\"input_dim\": 6, \"units\": 5, \"width\": 8,"
              + " \"candidates\": [\"tdnn-C1D1\", \"tdnn-C2D2\"], \"blocks\": 1}";
      Supernet net = Supernet.create(ArchitectureSpec.parse(one), m, 2);
      NDArray x = features(m, 1, 10, 6, 1);
      int[] lens = {10};
      // with one node, the output layer is linear in the node output: mixing commutes with it
      float[] a =
          net.forward(x, lens, false, new Supernet.Path(new int[] {0}))
              .activations()
              .toFloatArray();
      float[] b =
          net.forward(x, lens, false, new Supernet.Path(new int[] {1}))
              .activations()
              .toFloatArray();
      NDArray w = m.create(new float[] {0.25f, 0.75f});
      float[] mix =
          net.forward(x, lens, false, new Supernet.Mixture(List.of(w)))
              .activations()
              .toFloatArray();
      float[] bias = net.weights().get("output.bias").toFloatArray();
      for (int t = 0; t < mix.length; t++) {
        float bb = bias[t % bias.length];
        assertEquals(0.25 * (a[t] - bb) + 0.75 * (b[t] - bb) + bb, mix[t], 1e-5);
      }
    }
  }

  @Test
  void candidatesOfANodeMustAgree() {
    try (NDManager m = NDManager.newBaseManager()) {
      String bad =
          "{\"input_dim\": 6, \"units\": 5, \"width\": 8,"
              + " \"candidates\": [\"tdnn-C1D1\", \"tdnn-C1D1S3\"], \"blocks\": 1}";
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Supernet.create(ArchitectureSpec.parse(bad), m, 1));
      assertTrue(e.getMessage().contains("must agree"), e.getMessage());
    }
  }

  /** {@link #SPACE} with the TDNN candidates of each node on one shared kernel. */
  static final String SHARED_SPACE =
      SPACE.replace("\"blocks\": 2,", "\"blocks\": 2, \"weight_sharing\": \"kernel\",");

  /**
   * Under kernel sharing a candidate is exactly the network of its own whose kernel is the centre
   * taps of the node's shared kernel (same bias and norm), and it costs what that network has.
   */
  @Test
  void sharedKernelCandidateIsTheCentreTapsOfTheNodesKernel() {
    try (NDManager m = NDManager.newBaseManager()) {
      ArchitectureSpec spec = ArchitectureSpec.parse(SHARED_SPACE);
      assertEquals(ArchitectureSpec.WeightSharing.KERNEL, spec.weightSharing());
      assertEquals(spec, ArchitectureSpec.parse(spec.toJson()));
      Supernet net = Supernet.create(spec, m, 4);
      Supernet own = Supernet.create(ArchitectureSpec.parse(SPACE), m.newSubManager(), 4);
      // per node: one 5-tap kernel for the three TDNNs instead of 3 + 3 + 5 taps
      assertTrue(net.parameterCount() < own.parameterCount());
      assertEquals(
          List.of(
              "b0.shared-S1.conv.weight",
              "b0.shared-S1.conv.bias",
              "b0.shared-S1.norm.gamma",
              "b0.shared-S1.norm.beta"),
          net.candidateParameterNames(0, 1));
      assertEquals(net.candidateParameterNames(0, 0), net.candidateParameterNames(0, 2));
      NDArray x = features(m, 2, 17, 6, 8);
      int[] lens = {17, 11};
      for (int[] choice : new int[][] {{1, 2}, {0, 3}, {3, 1}}) {
        ArchitectureSpec d = spec.derive(choice);
        assertEquals(ArchitectureSpec.WeightSharing.NONE, d.weightSharing());
        NDManager dm = m.newSubManager();
        AcousticModel model = AcousticModel.create(d, dm, 99);
        assertEquals(model.parameters().count(), net.parameterCount(choice));
        for (var e : model.parameters().arrays().entrySet()) {
          String name = e.getKey();
          NDArray src;
          if (name.matches("b\\d\\.tdnn-.*")) {
            int node = name.charAt(1) - '0';
            OpSpec.Tdnn t = (OpSpec.Tdnn) d.nodes().get(node).candidates().get(0);
            String part = name.substring(name.indexOf('.', 3));
            src = net.weights().get("b" + node + ".shared-S1" + part);
            if (part.equals(".conv.weight")) {
              int first = 2 - t.halfContext();
              src = src.get(":, :, " + first + ":" + (first + t.kernel()));
            }
          } else {
            src = net.weights().get(name);
          }
          e.getValue().set(src.toFloatArray());
        }
        float[] want = model.forward(x, lens, false).activations().toFloatArray();
        float[] got =
            net.forward(x, lens, false, new Supernet.Path(choice)).activations().toFloatArray();
        assertArrayEquals(want, got, 1e-5f, "choice " + choice[0] + "," + choice[1]);
        dm.close();
      }
    }
  }

  /** A step on a 3-tap candidate gives the shared 5-tap kernel a gradient on its centre only. */
  @Test
  void sharedKernelGradientReachesOnlyTheTapsUsed() {
    try (NDManager m = NDManager.newBaseManager()) {
      Supernet net = Supernet.create(ArchitectureSpec.parse(SHARED_SPACE), m, 5);
      NDArray x = features(m, 2, 15, 6, 9);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Supernet.Output y =
            net.forward(x, new int[] {15, 12}, true, new Supernet.Path(new int[] {1, 0}));
        gc.backward(y.activations().square().sum());
      }
      NDArray g = net.weights().get("b0.shared-S1.conv.weight").getGradient();
      float[] outer = g.get(":, :, 0").toFloatArray();
      float[] last = g.get(":, :, 4").toFloatArray();
      float centre = g.get(":, :, 1:4").abs().sum().getFloat();
      for (int i = 0; i < outer.length; i++) {
        assertEquals(0f, outer[i]);
        assertEquals(0f, last[i]);
      }
      assertTrue(centre > 0, "centre taps get a gradient");
    }
  }

  @Test
  void unknownWeightSharingIsAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ArchitectureSpec.parse(
                    SPACE.replace(
                        "\"blocks\": 2,", "\"blocks\": 2, \"weight_sharing\": \"all\",")));
    assertTrue(e.getMessage().contains("weight_sharing"), e.getMessage());
  }
}
