package org.asrnas.nas.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.Batch;
import org.asrnas.nas.train.Corpus;
import org.asrnas.nas.train.TinyCorpus;
import org.asrnas.nas.train.TrainConfig;
import org.asrnas.nas.train.TrainingData;
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
    return job(out, s, resume, RETRAIN);
  }

  private static NasSearch.Job job(Path out, Strategy s, boolean resume, TrainConfig retrain) {
    return new NasSearch.Job(
        new TrainingData(data, null, lang.resolve("units.txt"), lang.resolve("lexicon.txt")),
        spaceJson,
        out,
        Device.cpu(),
        s,
        resume,
        retrain);
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
        // the null hypothesis: one uniform draw, no warm-up, no search, no score
        String json = Files.readString(out.resolve("random.json"));
        assertFalse(json.contains("heldout_loss"), json);
        assertEquals(1, json.split("\"choice\"").length - 1, json);
        assertFalse(Files.exists(out.resolve("pi.csv")));
        assertFalse(Files.exists(out.resolve("warmup.csv")));
        assertFalse(Files.exists(out.resolve("search.csv")));
      } else if (s == Strategy.RSWS) {
        // the shared warm-up, the search budget of uniform weight steps, k shared-weight scores
        String json = Files.readString(out.resolve("random.json"));
        assertEquals(2, json.split("\"heldout_loss\"").length - 1, json);
        assertFalse(Files.exists(out.resolve("pi.csv")));
        List<Map<String, String>> search = csv(out.resolve("search.csv"));
        assertEquals(CONFIG.searchMaxEpochs(), search.size());
        assertEquals("0", search.get(search.size() - 1).get("alpha_steps"));
        assertEquals(
            (long) CONFIG.searchMaxEpochs() * CONFIG.maxStepsPerEpoch(),
            Long.parseLong(search.get(search.size() - 1).get("weight_steps")));
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
      if (s != Strategy.RANDOM) {
        // held-out PER in both logs, π summary in search.csv
        Map<String, String> w = csv(out.resolve("warmup.csv")).get(0);
        double per = Double.parseDouble(w.get("heldout_per"));
        assertTrue(per >= 0 && Double.isFinite(per), w.toString());
        Map<String, String> e = csv(out.resolve("search.csv")).get(0);
        assertTrue(Double.parseDouble(e.get("heldout_per")) >= 0, e.toString());
        assertEquals(3, e.get("pi_max").split(" ").length, e.toString());
        assertTrue(Set.of("true", "false").contains(e.get("argmax_changed")), e.toString());
        List<String> show = SearchReport.load(out).table();
        assertTrue(
            show.stream().anyMatch(l -> l.startsWith("max π per node after search epoch")),
            show.toString());
        assertTrue(
            show.stream().anyMatch(l -> l.startsWith("argmax changed in the last epoch: ")),
            show.toString());
      }
    }
    // the warm-up is bit-identical across strategies for a seed (so that it can be shared)
    byte[] warm = Files.readAllBytes(tmp.resolve("exp/st/warmup.ckpt"));
    for (Strategy s : List.of(Strategy.DARTS, Strategy.SNAS, Strategy.PROXYLESS, Strategy.RSWS)) {
      assertArrayEquals(
          warm, Files.readAllBytes(tmp.resolve("exp/" + s.label() + "/warmup.ckpt")), s.label());
    }
  }

  /** Rows of a CSV log as column name to value. */
  @Test
  void aSharedWarmupGivesTheSearchOfARunThatWarmedUpItself() throws Exception {
    Path own = tmp.resolve("exp/shared-own");
    new NasSearch(CONFIG, null, null).run(job(own, Strategy.DARTS, false), SEARCH);
    Path donor = tmp.resolve("exp/shared-donor");
    new NasSearch(CONFIG, null, null)
        .run(job(donor, Strategy.ST, false), EnumSet.of(NasSearch.Stage.WARMUP), Integer.MAX_VALUE);
    Path adopted = tmp.resolve("exp/shared-adopted");
    List<String> log = new ArrayList<>();
    // the search-only settings may differ (here the α step size of the donor's strategy is moot)
    new NasSearch(CONFIG.withOverrides("{\"logEverySteps\": 7}"), log::add, null)
        .warmupFrom(donor)
        .run(job(adopted, Strategy.DARTS, false), SEARCH);
    assertTrue(log.stream().anyMatch(l -> l.contains("warm-up: taken from")), log.toString());
    assertTrue(log.stream().anyMatch(l -> l.contains("warm-up: already done")), log.toString());
    assertArrayEquals(
        Files.readAllBytes(own.resolve("warmup.best.ckpt")),
        Files.readAllBytes(adopted.resolve("warmup.best.ckpt")));
    assertEquals(
        withoutSeconds(own.resolve("warmup.csv")), withoutSeconds(adopted.resolve("warmup.csv")));
    assertEquals(
        withoutSeconds(own.resolve("search.csv")), withoutSeconds(adopted.resolve("search.csv")));
    assertEquals(
        Files.readString(own.resolve("pi.csv")), Files.readString(adopted.resolve("pi.csv")));
    assertEquals(
        Files.readString(own.resolve("derived.json")),
        Files.readString(adopted.resolve("derived.json")));
    assertTrue(Files.readString(adopted.resolve("run.json")).contains("\"warmup_from\""));
  }

  @Test
  void aWarmupOfOtherSettingsOrUnfinishedIsRefused() throws Exception {
    Path donor = tmp.resolve("exp/refused-donor");
    SearchConfig two = CONFIG.withOverrides("{\"warmupMaxEpochs\": 2}");
    new NasSearch(two, null, null)
        .run(job(donor, Strategy.ST, false), EnumSet.of(NasSearch.Stage.WARMUP), 1);
    AsrInputException seed =
        assertThrows(
            AsrInputException.class,
            () ->
                new NasSearch(two.withSeed(6), null, null)
                    .warmupFrom(donor)
                    .run(job(tmp.resolve("exp/refused-seed"), Strategy.ST, false), SEARCH));
    assertTrue(
        seed.getMessage().contains("warm-up setting seed is 5 there and 6 here"),
        seed.getMessage());
    AsrInputException open =
        assertThrows(
            AsrInputException.class,
            () ->
                new NasSearch(two, null, null)
                    .warmupFrom(donor)
                    .run(job(tmp.resolve("exp/refused-open"), Strategy.ST, false), SEARCH));
    assertTrue(open.getMessage().contains("has not ended"), open.getMessage());
  }

  static List<Map<String, String>> csv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] v = l.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < v.length ? v[i] : "");
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, String>> warmupRows(String name, String overrides)
      throws Exception {
    Path out = tmp.resolve("exp/gate-" + name);
    new NasSearch(CONFIG.withOverrides(overrides), null, null)
        .run(job(out, Strategy.ST, false), EnumSet.of(NasSearch.Stage.WARMUP));
    return csv(out.resolve("warmup.csv"));
  }

  /**
   * Issue 17: a diverged warm-up (its held-out loss NaN) counts its non-finite steps and stops at
   * once with the fix instead of running to warmupMaxEpochs.
   */
  @Test
  void aDivergedWarmupCountsItsNonFiniteStepsAndStopsSayingSo() throws Exception {
    Path out = tmp.resolve("exp/diverged");
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () ->
                new NasSearch(
                        CONFIG.withOverrides(
                            "{\"weightLr\": 1e30, \"clipNorm\": 0, \"warmupMaxEpochs\": 3}"),
                        null,
                        null)
                    .run(job(out, Strategy.ST, false), EnumSet.of(NasSearch.Stage.WARMUP)));
    assertTrue(e.getMessage().contains("supernet training diverged"), e.getMessage());
    assertTrue(e.getMessage().contains("lower weightLr"), e.getMessage());
    List<Map<String, String>> rows = csv(out.resolve("warmup.csv"));
    Map<String, String> last = rows.get(rows.size() - 1);
    assertTrue(rows.size() < 3, rows.toString());
    assertEquals("NaN", last.get("heldout_loss"), last.toString());
    assertTrue(Integer.parseInt(last.get("nonfinite_batches")) >= 1, last.toString());
  }

  @Test
  void warmupEndsOnThePlateauRuleOnlyBelowThePerGateAndCountsOnlyAfterTheMinimum()
      throws Exception {
    // no epoch improves after the first (minImprovement huge), plateau of one epoch
    String base =
        "{\"warmupMinEpochs\": 1, \"warmupMaxEpochs\": 3, \"plateauEpochs\": 1,"
            + " \"minImprovement\": 1e30, ";
    // gate off: the plateau rule ends it at epoch 2
    List<Map<String, String>> off = warmupRows("off", base + "\"warmupMaxPer\": 1e9}");
    assertEquals(2, off.size());
    assertEquals("plateau", off.get(1).get("stop_rule"));
    assertEquals("", off.get(0).get("stop_rule"));
    // gate on (PER can never be below 1e-6 %): only warmupMaxEpochs ends it
    List<Map<String, String>> on = warmupRows("on", base + "\"warmupMaxPer\": 1e-6}");
    assertEquals(3, on.size());
    assertEquals("max_epochs", on.get(2).get("stop_rule"));
    // and the gate leaves the epochs themselves alone: same losses and PER as without it
    assertEquals(off.get(0).get("heldout_loss"), on.get(0).get("heldout_loss"));
    assertEquals(off.get(1).get("heldout_per"), on.get(1).get("heldout_per"));
    // the plateau count starts after warmupMinEpochs: with a minimum of 2, epoch 2 does not count
    List<Map<String, String>> min =
        warmupRows(
            "min",
            "{\"warmupMinEpochs\": 2, \"warmupMaxEpochs\": 5, \"plateauEpochs\": 1,"
                + " \"minImprovement\": 1e30, \"warmupMaxPer\": 1e9}");
    assertEquals(3, min.size());
    assertEquals("plateau", min.get(2).get("stop_rule"));
  }

  @Test
  void searchStartsFromTheBestWarmupEpochNeverDecaysAlphaAndStopsAfterTheDrop() throws Exception {
    Path out = tmp.resolve("exp/schedule");
    List<String> log = new ArrayList<>();
    // nothing improves after the first warm-up epoch (minImprovement huge): the warm-up ends at
    // epoch 3 with its best at epoch 1; the search never beats it: epoch 2 is the plateau (drop),
    // and the counter is not reset, so epoch 3 stops it
    SearchConfig cfg =
        CONFIG.withOverrides(
            "{\"warmupMinEpochs\": 1, \"warmupMaxEpochs\": 3, \"warmupMaxPer\": 1e9,"
                + " \"searchMaxEpochs\": 6, \"plateauEpochs\": 2, \"searchLrDrops\": 1,"
                + " \"minImprovement\": 1e30}");
    new NasSearch(cfg, log::add, null).run(job(out, Strategy.ST, false), SEARCH);
    List<Map<String, String>> warm = csv(out.resolve("warmup.csv"));
    assertEquals(3, warm.size());
    assertTrue(Files.exists(out.resolve(Loop.WARMUP_BEST)));
    String loss1 =
        String.format(
            java.util.Locale.ROOT,
            "(held-out loss %.4f to beat)",
            Double.parseDouble(warm.get(0).get("heldout_loss")));
    assertTrue(
        log.stream()
            .anyMatch(
                l -> l.startsWith("search: starting from warm-up epoch 1 ") && l.endsWith(loss1)),
        log.toString());
    List<Map<String, String>> search = csv(out.resolve("search.csv"));
    assertEquals(3, search.size(), search.toString());
    for (Map<String, String> r : search) {
      assertEquals(cfg.alphaLr(), Double.parseDouble(r.get("alpha_lr")), 0.0, r.toString());
      assertEquals("false", r.get("improved"));
    }
    assertEquals(cfg.weightLr(), Double.parseDouble(search.get(1).get("weight_lr")), 0.0);
    assertEquals(
        cfg.weightLr() / cfg.lrDecayFactor(),
        Double.parseDouble(search.get(2).get("weight_lr")),
        1e-15);
    // nothing improved in the search: derive falls back to the last epoch and says so
    assertFalse(Files.exists(out.resolve(Loop.SEARCH_BEST)));
    assertTrue(Files.readString(out.resolve("derived.txt")).contains("the last search epoch 3"));
  }

  @Test
  void deriveTakesTheBestHeldOutSearchEpoch() throws Exception {
    Path out = tmp.resolve("exp/best");
    // every search epoch counts as long as it is lower (minImprovement 0); warm-up of one epoch
    SearchConfig cfg =
        CONFIG.withOverrides(
            "{\"searchMaxEpochs\": 4, \"minImprovement\": 0, \"plateauEpochs\": 10}");
    new NasSearch(cfg, null, null).run(job(out, Strategy.ST, false), SEARCH);
    List<Map<String, String>> search = csv(out.resolve("search.csv"));
    Map<String, String> best = null;
    for (Map<String, String> r : search) {
      if (Boolean.parseBoolean(r.get("improved"))) {
        best = r;
      }
    }
    String derived = Files.readString(out.resolve("derived.txt"));
    assertNotNull(best, search.toString());
    assertTrue(derived.contains("search epoch " + best.get("epoch") + ", the best"), derived);
    ArchitectureSpec spec = ArchitectureSpec.read(out.resolve("derived.json"));
    String[] ops = best.get("argmax").split(" ");
    for (int i = 0; i < ops.length; i++) {
      assertTrue(
          derived.contains(String.format(java.util.Locale.ROOT, "node %d: %-12s", i, ops[i])),
          derived);
    }
    assertTrue(spec.isSingleOp());
  }

  @Test
  void continuingARunRetrainsWithItsSeedAndRecordsTheRetrainConfig() throws Exception {
    Path out = tmp.resolve("exp/seed");
    // like system.sh: the search call knows no retrain config
    new NasSearch(CONFIG, null, null)
        .run(job(out, Strategy.ST, false, TrainConfig.defaults()), SEARCH);
    // the CLI default seed is 1; the run's is 5
    NasSearch.Job j =
        NasSearch.continueJob(out, null, null, null, null, null, Device.cpu(), RETRAIN, null);
    assertEquals(5, j.retrainConfig().seed());
    assertEquals(
        5,
        NasSearch.continueJob(out, null, null, null, null, null, Device.cpu(), RETRAIN, 5L)
            .retrainConfig()
            .seed());
    assertThrows(
        IllegalArgumentException.class,
        () -> NasSearch.continueJob(out, null, null, null, null, null, Device.cpu(), RETRAIN, 7L));
    new NasSearch(CONFIG, null, null).run(j, EnumSet.of(NasSearch.Stage.RETRAIN));
    com.google.gson.JsonObject run =
        com.google.gson.JsonParser.parseString(Files.readString(out.resolve("run.json")))
            .getAsJsonObject();
    assertEquals(5, run.get("retrain_seed").getAsLong());
    TrainConfig used = TrainConfig.fromJson(Files.readString(out.resolve("retrain/config.json")));
    assertEquals(5, used.seed());
    assertEquals(com.google.gson.JsonParser.parseString(used.toJson()), run.get("retrain_config"));
    assertEquals(1, run.getAsJsonObject("retrain_config").get("maxEpochs").getAsInt());
  }

  /**
   * F6 (reliability review): a plain {@code nas run --resume} (no --retrain-config) retrained with
   * the defaults (maxEpochs 50) instead of the retrain config the run was started with; it now
   * takes run.json's retrain_config and seed. An explicit config still wins.
   */
  @Test
  void continuingWithoutARetrainConfigTakesTheRunsOwn() throws Exception {
    Path out = tmp.resolve("exp/rc");
    TrainConfig started = RETRAIN.withOverrides("{\"maxEpochs\": 2, \"learningRate\": 0.003}");
    // no stage: writes the run dir (run.json with retrain_config) and trains nothing
    new NasSearch(CONFIG, null, null)
        .run(job(out, Strategy.ST, false, started), EnumSet.noneOf(NasSearch.Stage.class));
    NasSearch.Job j =
        NasSearch.continueJob(out, null, null, null, null, null, Device.cpu(), null, null);
    assertEquals(started.withSeed(5), j.retrainConfig());
    assertEquals(2, j.retrainConfig().maxEpochs());
    NasSearch.Job explicit =
        NasSearch.continueJob(out, null, null, null, null, null, Device.cpu(), RETRAIN, null);
    assertEquals(RETRAIN.withSeed(5), explicit.retrainConfig());
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
    for (String f : List.of("search.ckpt", Loop.WARMUP_BEST)) {
      assertArrayEquals(
          Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
    }
    assertEquals(
        Files.exists(whole.resolve(Loop.SEARCH_BEST)),
        Files.exists(killed.resolve(Loop.SEARCH_BEST)));
    if (Files.exists(whole.resolve(Loop.SEARCH_BEST))) {
      assertArrayEquals(
          Files.readAllBytes(whole.resolve(Loop.SEARCH_BEST)),
          Files.readAllBytes(killed.resolve(Loop.SEARCH_BEST)));
    }
    assertEquals(
        withoutSeconds(whole.resolve("search.csv")), withoutSeconds(killed.resolve("search.csv")));
    assertEquals(
        withoutSeconds(whole.resolve("warmup.csv")), withoutSeconds(killed.resolve("warmup.csv")));
  }

  private static List<Map<String, String>> withoutSeconds(Path csv) throws Exception {
    List<Map<String, String>> rows = csv(csv);
    rows.forEach(r -> r.remove("seconds"));
    return rows;
  }

  @Test
  void aKilledRswsRunResumesToTheSameScores() throws Exception {
    Path whole = tmp.resolve("exp/rsws-whole");
    new NasSearch(CONFIG, null, null).run(job(whole, Strategy.RSWS, false), SEARCH);
    Path killed = tmp.resolve("exp/rsws-killed");
    new NasSearch(CONFIG, null, null).run(job(killed, Strategy.RSWS, false), SEARCH, 2);
    assertFalse(Files.exists(killed.resolve("random.json")));
    new NasSearch(CONFIG, null, null).run(job(killed, Strategy.RSWS, true), SEARCH);
    assertEquals(
        Files.readString(whole.resolve("random.json")),
        Files.readString(killed.resolve("random.json")));
    assertEquals(
        Files.readString(whole.resolve("derived.json")),
        Files.readString(killed.resolve("derived.json")));
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
}
