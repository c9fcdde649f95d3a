package org.asrnas.nas.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.Batch;
import org.asrnas.nas.train.Corpus;
import org.asrnas.nas.train.TinyCorpus;
import org.asrnas.nas.train.TrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NasSearchTest {
  @TempDir static Path tmp;
  static Path data;
  static Path lang;
  static Path spaceJson;

  static final String SPACE =
      """
      {"input_dim": 24, "units": 0, "width": 24, "dropout": 0.1,
       "candidates": ["tdnn-C1D1", "tdnn-C1D2", "tdnn-C2D1", "zero"],
       "blocks": 3,
       "fixed": [{"after": 1, "op": "tdnn-C1D1S3"}]}
      """;

  static final SearchConfig CONFIG =
      SearchConfig.defaults()
          .withOverrides(
              "{\"seed\": 5, \"batchFrames\": 400, \"heldOutFraction\": 0.2, \"weightLr\": 0.01,"
                  + " \"alphaLr\": 0.05, \"warmupMinEpochs\": 1, \"warmupMaxEpochs\": 1,"
                  + " \"searchMaxEpochs\": 2, \"randomArchitectures\": 2, \"maxStepsPerEpoch\": 3,"
                  + " \"costLambda\": 0.1}");

  static final TrainConfig RETRAIN =
      TrainConfig.defaults().withOverrides("{\"maxEpochs\": 1, \"batchFrames\": 400}");

  @BeforeAll
  static void corpus() throws Exception {
    data = tmp.resolve("data/train");
    lang = tmp.resolve("data/lang");
    TinyCorpus.write(data, lang, 40, 3);
    spaceJson = tmp.resolve("space.json");
    Files.writeString(spaceJson, SPACE);
  }

  private static NasSearch.Job job(Path out, Strategy s, boolean resume) {
    return new NasSearch.Job(
        data,
        null,
        lang.resolve("units.txt"),
        lang.resolve("lexicon.txt"),
        spaceJson,
        out,
        Device.cpu(),
        s,
        resume,
        RETRAIN);
  }

  private static final Set<NasSearch.Stage> SEARCH =
      EnumSet.of(NasSearch.Stage.WARMUP, NasSearch.Stage.SEARCH, NasSearch.Stage.DERIVE);

  @Test
  void everyStrategyRunsEndToEndAndWritesATrainableArchitecture() throws Exception {
    for (Strategy s : Strategy.values()) {
      Path out = tmp.resolve("exp/" + s.label());
      List<String> log = new ArrayList<>();
      NasSearch.Result r = new NasSearch(CONFIG, log::add, null).run(job(out, s, false), SEARCH);
      ArchitectureSpec derived = ArchitectureSpec.read(out.resolve("derived.json"));
      assertTrue(derived.isSingleOp(), s + ": " + derived);
      assertEquals(6, derived.units());
      assertEquals(r.derived().spec(), derived);
      assertTrue(r.derived().parameters() > 0);
      assertTrue(Files.readString(out.resolve("derived.txt")).contains("multiply-adds"), s.label());
      if (s == Strategy.RANDOM) {
        assertTrue(Files.readString(out.resolve("random.json")).contains("heldout_loss"));
        assertFalse(Files.exists(out.resolve("pi.csv")));
      } else {
        List<String> pi = Files.readAllLines(out.resolve("pi.csv"));
        List<String> epochs = Files.readAllLines(out.resolve("search.csv"));
        String[] last = epochs.get(epochs.size() - 1).split(",");
        // one π row per α step, 12 probabilities each (3 nodes x 4 candidates)
        assertEquals(Long.parseLong(last[2]), pi.size() - 1, s.label());
        assertEquals(4 + 12, pi.get(1).split(",").length);
        // α moved away from uniform, and π rows sum to one per node
        String[] row = pi.get(pi.size() - 1).split(",");
        double sum = 0;
        for (int k = 4; k < 8; k++) {
          sum += Double.parseDouble(row[k]);
        }
        assertEquals(1.0, sum, 1e-5);
        assertNotEquals("0.250000", row[4], s.label());
      }
      assertTrue(log.stream().anyMatch(l -> l.contains("supernet params")), log.toString());
    }
  }

  @Test
  void aKilledSearchResumesToTheSameResult() throws Exception {
    Path whole = tmp.resolve("exp/whole");
    new NasSearch(CONFIG, null, null).run(job(whole, Strategy.ST, false), SEARCH);
    Path killed = tmp.resolve("exp/killed");
    // warm-up epoch, then one search epoch: "killed" after its checkpoint
    new NasSearch(CONFIG, null, null).run(job(killed, Strategy.ST, false), SEARCH, 2);
    assertFalse(Files.exists(killed.resolve("derived.json")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NasSearch(CONFIG, null, null).run(job(killed, Strategy.ST, false), SEARCH));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NasSearch(CONFIG, null, null).run(job(killed, Strategy.DARTS, true), SEARCH));
    List<String> log = new ArrayList<>();
    new NasSearch(CONFIG, log::add, null).run(job(killed, Strategy.ST, true), SEARCH);
    assertTrue(log.contains("warm-up: already done (1 epochs)"), log.toString());
    assertTrue(log.contains("search: resumed after epoch 1"), log.toString());
    assertEquals(
        Files.readAllLines(whole.resolve("pi.csv")), Files.readAllLines(killed.resolve("pi.csv")));
    assertEquals(
        Files.readString(whole.resolve("derived.json")),
        Files.readString(killed.resolve("derived.json")));
    assertArrayEquals(
        Files.readAllBytes(whole.resolve("search.ckpt")),
        Files.readAllBytes(killed.resolve("search.ckpt")));
  }

  @Test
  void retrainTrainsTheDerivedNetworkWithTheTrainer() throws Exception {
    Path out = tmp.resolve("exp/retrain");
    NasSearch.Result r =
        new NasSearch(CONFIG, null, null)
            .run(
                job(out, Strategy.ST, false),
                EnumSet.of(
                    NasSearch.Stage.SEARCH, NasSearch.Stage.DERIVE, NasSearch.Stage.RETRAIN));
    assertEquals(1, r.retrain().epochs().size());
    assertTrue(Files.exists(out.resolve("retrain/final.model")));
    assertEquals(
        Files.readString(out.resolve("derived.json")),
        Files.readString(out.resolve("retrain/model.json")));
  }

  /** Steps on a supernet made directly, to see which parameters each step may touch. */
  private static final class Bench implements AutoCloseable {
    final NDManager m = NDManager.newBaseManager();
    final Supernet net;
    final Adam wa;
    final Adam aa;
    final SearchSteps steps;
    final Batch batch;

    Bench(SearchConfig cfg) throws Exception {
      Units units = Units.read(lang.resolve("units.txt"));
      net = Supernet.create(ArchitectureSpec.parse(SPACE).withUnits(units.size()), m, 1);
      wa = new Adam(net.weights(), 0.9, 0.999, 1e-8);
      aa = new Adam(net.alphas(), 0.9, 0.999, 1e-8);
      steps = new SearchSteps(net, wa, aa, cfg);
      Corpus c = Corpus.load(data, units, Lexicon.read(lang.resolve("lexicon.txt")), true, true);
      batch = Batch.of(c.items(), new int[] {0, 1, 2, 3}, 2, 2, null, null);
    }

    Map<String, float[]> snapshot(Map<String, NDArray> arrays) {
      Map<String, float[]> s = new HashMap<>();
      arrays.forEach((k, v) -> s.put(k, v.toFloatArray()));
      return s;
    }

    @Override
    public void close() {
      m.close();
    }
  }

  private static List<String> changed(Map<String, float[]> before, Map<String, NDArray> now) {
    List<String> out = new ArrayList<>();
    before.forEach(
        (k, v) -> {
          if (!java.util.Arrays.equals(v, now.get(k).toFloatArray())) {
            out.add(k);
          }
        });
    out.sort(null);
    return out;
  }

  @Test
  void stepsTouchOnlyWhatTookPart() throws Exception {
    try (Bench b = new Bench(CONFIG)) {
      // ST α step: every logit moves, no weight does
      Map<String, float[]> w0 = b.snapshot(b.net.weights().arrays());
      Map<String, float[]> a0 = b.snapshot(b.net.alphas().arrays());
      b.steps.alphaStep(Strategy.ST, b.batch, new Random(1), 0.05, 1, b.m);
      assertEquals(List.of(), changed(w0, b.net.weights().arrays()));
      assertEquals(12, changed(a0, b.net.alphas().arrays()).size());
      // ST weight step: the sampled path and the shared layers only; twice, so that momentum of
      // the first step would show on the second if unused parameters were stepped
      for (int rep = 0; rep < 2; rep++) {
        Random r = new Random(7 + rep);
        int[] path = SearchSteps.samplePath(b.net.pi(), new Random(7 + rep));
        w0 = b.snapshot(b.net.weights().arrays());
        a0 = b.snapshot(b.net.alphas().arrays());
        Map<String, Long> adamSteps = new HashMap<>();
        for (String name : b.net.weights().arrays().keySet()) {
          adamSteps.put(name, b.wa.steps(name));
        }
        b.steps.weightStep(Strategy.ST, b.batch, r, 0.01, 0.05, 1, b.m);
        List<String> moved = changed(w0, b.net.weights().arrays());
        assertEquals(List.of(), changed(a0, b.net.alphas().arrays()));
        for (String name : b.net.weights().arrays().keySet()) {
          boolean onPath = !name.startsWith("b");
          for (int i = 0; i < path.length; i++) {
            onPath |= b.net.candidateParameterNames(i, path[i]).contains(name);
          }
          if (!onPath) {
            assertFalse(moved.contains(name), name + " moved but was not sampled");
            assertEquals(adamSteps.get(name), b.wa.steps(name), name + " stepped by Adam");
          } else {
            assertEquals(adamSteps.get(name) + 1, b.wa.steps(name), name);
          }
        }
        assertTrue(moved.contains("output.weight"));
      }
    }
  }

  @Test
  void proxylessUpdatesTwoLogitsPerNodeAndKeepsTheOthersProbabilities() throws Exception {
    try (Bench b = new Bench(CONFIG.withOverrides("{\"costLambda\": 0}"))) {
      b.net.setLogits(0, new double[] {0.5, -0.2, 0.1, 0.0});
      double[][] l0 = b.net.logitValues();
      double[][] p0 = b.net.pi();
      b.steps.alphaStep(Strategy.PROXYLESS, b.batch, new Random(3), 0.05, 1, b.m);
      double[][] l1 = b.net.logitValues();
      double[][] p1 = b.net.pi();
      for (int i = 0; i < l0.length; i++) {
        int moved = 0;
        for (int k = 0; k < l0[i].length; k++) {
          if (l0[i][k] != l1[i][k]) {
            moved++;
          } else {
            assertEquals(p0[i][k], p1[i][k], 1e-6, "unselected π of node " + i);
          }
        }
        assertEquals(2, moved, "node " + i);
      }
    }
  }

  @Test
  void budgetTermPushesTowardsCheaperCandidates() throws Exception {
    // with a huge λ the cost dominates: the zero op (no parameters) must gain probability
    try (Bench b = new Bench(CONFIG.withOverrides("{\"costLambda\": 1000}"))) {
      for (int s = 0; s < 5; s++) {
        b.steps.alphaStep(Strategy.ST, b.batch, new Random(s), 0.05, 1, b.m);
      }
      for (double[] p : b.net.pi()) {
        assertTrue(p[3] > 0.25 && p[3] > p[2], java.util.Arrays.toString(p));
      }
    }
  }

  @Test
  void alphaStepsComputeNoWeightGradientAndTheSameAlphaGradient() throws Exception {
    for (Strategy s : List.of(Strategy.ST, Strategy.DARTS, Strategy.PROXYLESS)) {
      Map<String, float[]> frozen = new HashMap<>();
      Map<String, float[]> before = new HashMap<>();
      for (boolean freeze : new boolean[] {true, false}) {
        try (Bench b = new Bench(CONFIG.withOverrides("{\"costLambda\": 0}"))) {
          Map<String, float[]> grads = freeze ? frozen : before;
          b.steps.freezeWeightsInAlphaSteps = freeze;
          b.steps.afterBackward =
              () -> {
                b.net
                    .alphas()
                    .arrays()
                    .forEach((k, v) -> grads.put(k, v.getGradient().toFloatArray()));
                float wAbs = 0;
                for (NDArray w : b.net.weights().arrays().values()) {
                  for (float g : w.getGradient().toFloatArray()) {
                    wAbs += Math.abs(g);
                  }
                }
                grads.put("|weight grad|", new float[] {wAbs});
              };
          ai.djl.engine.Engine.getInstance().setRandomSeed(11);
          b.steps.alphaStep(s, b.batch, new Random(3), 0.05, 1, b.m);
          // the weights require gradients again for the weight steps
          for (NDArray w : b.net.weights().arrays().values()) {
            assertTrue(w.hasGradient(), s + " " + w.getName());
          }
        }
      }
      assertEquals(0f, frozen.get("|weight grad|")[0], s.label());
      assertTrue(
          before.get("|weight grad|")[0] > 0, s.label() + ": the probe sees weight gradients");
      for (String k : frozen.keySet()) {
        if (!k.startsWith("|")) {
          assertArrayEquals(before.get(k), frozen.get(k), s + " " + k);
        }
      }
    }
  }
}
