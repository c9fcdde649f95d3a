package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.nas.ctc.CtcCriterion;
import org.asrnas.nas.ctc.CtcLoss;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** warmupSteps, sortaGrad and lossNorm. */
class TrainOptionsTest {
  @TempDir static Path tmp;
  static Path data;
  static Path lang;
  static Path modelJson;
  static Corpus corpus;

  @BeforeAll
  static void corpus() throws Exception {
    data = tmp.resolve("data/train");
    lang = tmp.resolve("data/lang");
    TinyCorpus.write(data, lang, 40, 11);
    modelJson = tmp.resolve("tiny.json");
    Files.writeString(modelJson, TinyCorpus.MODEL_JSON);
    corpus =
        Corpus.load(
            data,
            Units.read(lang.resolve("units.txt")),
            Lexicon.read(lang.resolve("lexicon.txt")),
            true,
            true);
  }

  private static TrainConfig config(String json) {
    return TrainerTest.CONFIG.withOverrides(json);
  }

  @Test
  void warmupRampsLinearlyOverTheFirstStepsThenHoldsTheRate() {
    TrainConfig c = config("{\"warmupSteps\": 4}");
    double[] want = {0.25, 0.5, 0.75, 1.0, 1.0, 1.0};
    for (int k = 0; k < want.length; k++) {
      assertEquals(want[k] * 2e-3, c.stepLearningRate(2e-3, k), 1e-15, "step " + k);
    }
    // a decayed epoch rate is warmed up the same way (and off means the rate itself)
    assertEquals(0.5e-4, c.stepLearningRate(1e-4, 1), 1e-18);
    assertEquals(1e-4, TrainerTest.CONFIG.stepLearningRate(1e-4, 0), 0.0);
  }

  /** steps.csv's lr follows the global step count, also across --resume. */
  @Test
  void warmupCountsStepsOverTheWholeRunIncludingResume() throws Exception {
    TrainConfig c = config("{\"warmupSteps\": 12, \"maxEpochs\": 2, \"logEverySteps\": 1}");
    Path out = tmp.resolve("exp/warmup");
    Trainer.Job first =
        new Trainer.Job(
            new TrainingData(data, null, lang.resolve("units.txt"), lang.resolve("lexicon.txt")),
            modelJson,
            out,
            Device.cpu(),
            false);
    new Trainer(c, null).train(first, 1);
    Trainer.Job resumed =
        new Trainer.Job(
            new TrainingData(data, null, lang.resolve("units.txt"), lang.resolve("lexicon.txt")),
            null,
            out,
            Device.cpu(),
            true);
    Trainer.Result r = new Trainer(c, null).train(resumed);
    assertEquals(2, r.epochsDone());
    List<String> rows = Files.readAllLines(out.resolve("steps.csv"));
    int epochTwo = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      long step = Long.parseLong(f[1]);
      double want = 0.01 * Math.min(1.0, step / 12.0);
      assertEquals(want, Double.parseDouble(f[5]), 1e-12, row);
      epochTwo += f[0].equals("2") ? 1 : 0;
    }
    assertTrue(epochTwo > 0 && rows.size() - 1 - epochTwo < 12, "warm-up spans both epochs");
    // the epoch log keeps the scheduled (peak) rate
    assertEquals(0.01, r.epochs().get(1).learningRate(), 0.0);
  }

  @Test
  void sortaGradVisitsEpochOneShortestFirstAndLeavesLaterEpochsAlone() {
    List<int[]> plan = Batch.plan(corpus.items(), 200);
    assertTrue(plan.size() >= 8, "batches: " + plan.size());
    TrainConfig plain = config("{}");
    TrainConfig sorta = config("{\"sortaGrad\": true}");
    List<int[]> one = Trainer.epochOrder(plan, sorta, 1);
    int prev = 0;
    for (int[] b : one) {
      int longest = 0;
      for (int i : b) {
        longest = Math.max(longest, corpus.items().get(i).frames());
      }
      assertTrue(longest >= prev, "ascending: " + prev + " then " + longest);
      prev = longest;
    }
    assertNotEquals(plan, Trainer.epochOrder(plan, plain, 1), "without it epoch 1 is shuffled");
    for (int epoch = 2; epoch <= 3; epoch++) {
      List<int[]> a = Trainer.epochOrder(plan, plain, epoch);
      List<int[]> b = Trainer.epochOrder(plan, sorta, epoch);
      assertNotEquals(plan, a);
      for (int i = 0; i < a.size(); i++) {
        assertSame(a.get(i), b.get(i), "epoch " + epoch + " batch " + i);
      }
    }
  }

  @Test
  void lossDenominatorCountsUtterancesFramesOrTokensOfTheAlignedUtterances() {
    Batch b =
        new Batch(
            List.of("a", "b", "c"),
            new float[3 * 10],
            10,
            1,
            new int[] {10, 7, 4},
            new int[][] {{1, 2, 3}, {1}, {2, 2}});
    boolean[] skip = {false, true, false};
    assertEquals(2, Trainer.lossDenominator(TrainConfig.LossNorm.UTTERANCE, b, skip), 0.0);
    assertEquals(14, Trainer.lossDenominator(TrainConfig.LossNorm.FRAME, b, skip), 0.0);
    assertEquals(5, Trainer.lossDenominator(TrainConfig.LossNorm.TOKEN, b, skip), 0.0);
    assertEquals(1, Trainer.lossDenominator(TrainConfig.LossNorm.BATCH, b, skip), 0.0);
    boolean[] all = {true, true, true};
    assertEquals(1, Trainer.lossDenominator(TrainConfig.LossNorm.FRAME, b, all), 0.0);
  }

  /** The gradient (norm before clipping) scales by utterances / denominator; the loss does not. */
  @Test
  void lossNormScalesTheGradientByItsDenominator() throws Exception {
    int[] idx = Batch.plan(corpus.items(), 400).get(3);
    Batch batch = Batch.of(corpus.items(), idx, 2, 2, null, null);
    int n = batch.size();
    double frames = batch.validFrames();
    double tokens = 0;
    for (int[] t : batch.targets()) {
      tokens += t.length;
    }
    double[] u = step(batch, TrainConfig.LossNorm.UTTERANCE, 0.0);
    assertEquals(n, u[2], 0.0, "no utterance skipped");
    double[] f = step(batch, TrainConfig.LossNorm.FRAME, 0.0);
    double[] t = step(batch, TrainConfig.LossNorm.TOKEN, 0.0);
    double[] s = step(batch, TrainConfig.LossNorm.BATCH, 0.0);
    assertEquals(u[1] * n / frames, f[1], 1e-4 * f[1]);
    assertEquals(u[1] * n / tokens, t[1], 1e-4 * t[1]);
    assertEquals(u[1] * n, s[1], 1e-4 * s[1]);
    for (double[] r : List.of(f, t, s)) {
      assertEquals(u[0], r[0], 1e-9, "the reported loss stays per utterance");
    }
    // the logged norm is the one before clipping
    assertEquals(s[1], step(batch, TrainConfig.LossNorm.BATCH, 1e-3)[1], 1e-4 * s[1]);
  }

  /** One step of a fresh, dropout-free model. */
  private static double[] step(Batch batch, TrainConfig.LossNorm norm, double clip)
      throws Exception {
    String json = TinyCorpus.MODEL_JSON.replace("\"dropout\": 0.1", "\"dropout\": 0.0");
    ArchitectureSpec spec = ArchitectureSpec.parse(json).withUnits(6);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      AcousticModel model = AcousticModel.create(spec, m, 5);
      Adam adam = new Adam(model.parameters(), 0.9, 0.999, 1e-8);
      CtcCriterion ctc = new CtcCriterion(new CtcLoss(1));
      return Trainer.trainStep(model, adam, ctc, batch, 1e-3, clip, norm, m);
    }
  }

  @Test
  void badValuesAreRejectedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config("{\"warmupSteps\": -1}"));
    assertTrue(e.getMessage().contains("warmupSteps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> config("{\"lossNorm\": \"frames\"}"));
    assertTrue(
        e.getMessage().contains("lossNorm") && e.getMessage().contains("\"frames\""),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> config("{\"lossNorm\": null}"));
    assertTrue(e.getMessage().contains("lossNorm"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> config("{\"sortaGrad\": \"yes\"}"));
    assertTrue(
        e.getMessage().contains("sortaGrad") && e.getMessage().contains("boolean"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> config("{\"warmupSteps\": \"300\"}"));
    assertTrue(e.getMessage().contains("warmupSteps"), e.getMessage());
    TrainConfig ok = config("{\"warmupSteps\": 300, \"sortaGrad\": true, \"lossNorm\": \"token\"}");
    assertEquals(TrainConfig.LossNorm.TOKEN, ok.lossNormalisation());
    assertEquals(ok, TrainConfig.fromJson(ok.toJson()));
    TrainConfig d = TrainConfig.defaults();
    assertEquals(0, d.warmupSteps());
    assertEquals(false, d.sortaGrad());
    assertEquals("utterance", d.lossNorm());
  }
}
