package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  @TempDir static Path tmp;
  static Path data;
  static Path lang;
  static Path modelJson;

  static final TrainConfig CONFIG =
      TrainConfig.defaults()
          .withOverrides(
              "{\"seed\": 7, \"maxEpochs\": 4, \"batchFrames\": 400, \"learningRate\": 0.01,"
                  + " \"heldOutFraction\": 0.2, \"specAugment\": true, \"freqMaskWidth\": 2,"
                  + " \"timeMaskWidth\": 5, \"logEverySteps\": 2}");

  @BeforeAll
  static void corpus() throws Exception {
    data = tmp.resolve("data/train");
    lang = tmp.resolve("data/lang");
    TinyCorpus.write(data, lang, 40, 11);
    modelJson = tmp.resolve("tiny.json");
    Files.writeString(modelJson, TinyCorpus.MODEL_JSON);
  }

  private static Trainer.Job job(Path out, boolean resume) {
    return new Trainer.Job(
        new TrainingData(data, null, lang.resolve("units.txt"), lang.resolve("lexicon.txt")),
        modelJson,
        out,
        Device.cpu(),
        resume);
  }

  @Test
  void heldOutLossFallsAndOovUtterancesAreReported() throws Exception {
    List<String> messages = new ArrayList<>();
    Trainer.Result r =
        new Trainer(
                CONFIG,
                new TrainListener() {
                  @Override
                  public void message(String line) {
                    messages.add(line);
                  }
                })
            .train(job(tmp.resolve("exp/falls"), false));
    assertEquals(4, r.epochs().size());
    double first = r.epochs().get(0).heldOutLoss();
    double last = r.epochs().get(3).heldOutLoss();
    assertTrue(last < 0.5 * first, "held-out loss " + first + " -> " + last);
    assertTrue(r.epochs().get(3).phoneErrorRate() < 100.0);
    assertTrue(
        messages.stream().anyMatch(m -> m.contains("u039") && m.contains("ZZZ")),
        messages.toString());
    Path exp = tmp.resolve("exp/falls");
    for (String f :
        List.of(
            "config.json",
            "model.json",
            "run.json",
            "units.txt",
            "epochs.csv",
            "steps.csv",
            "checkpoint.bin",
            "final.model")) {
      assertTrue(Files.exists(exp.resolve(f)), f);
    }
    assertEquals(5, Files.readAllLines(exp.resolve("epochs.csv")).size());
    // params.tsv: one row per layer, the output layer, and a total that is their sum
    List<String> params = Files.readAllLines(exp.resolve("params.tsv"));
    assertEquals("layer\toutputs\tparameters", params.get(0));
    long layers = 0;
    for (String row : params.subList(1, params.size() - 1)) {
      layers += Long.parseLong(row.split("\t")[2]);
    }
    String[] total = params.get(params.size() - 1).split("\t");
    assertEquals("total", total[0]);
    assertTrue(layers > 0);
    assertEquals(layers, Long.parseLong(total[2]));
    assertTrue(params.get(params.size() - 2).startsWith("linear\t6\t"), params.toString());

    // inference: one matrix per utterance with features, rows are log-probabilities
    Path scp =
        Inference.run(exp, data, tmp.resolve("logprobs"), Device.cpu(), 1000, n -> {}, m -> {});
    var entries = org.asrnas.core.io.KaldiArchive.readScp(scp);
    assertEquals(40, entries.size());
    var spec = org.asrnas.nas.model.ArchitectureSpec.read(exp.resolve("model.json"));
    for (var e : entries) {
      var lp = org.asrnas.core.io.KaldiArchive.read(e);
      assertEquals(6, lp.cols());
      assertTrue(lp.rows() >= 1);
      double sum = 0;
      for (int k = 0; k < lp.cols(); k++) {
        sum += Math.exp(lp.get(0, k));
      }
      assertEquals(1.0, sum, 1e-4);
    }
    var firstLp = org.asrnas.core.io.KaldiArchive.read(entries.get(0));
    var feats =
        org.asrnas.core.io.KaldiArchive.readAll(data.resolve("feats.ark"))
            .get(entries.get(0).key());
    assertEquals(spec.outputLength(feats.rows()), firstLp.rows());
  }

  /** A run stopped after 2 epochs and resumed equals the uninterrupted run, bit for bit. */
  @Test
  void resumedRunReproducesTheUninterruptedRun() throws Exception {
    Path whole = tmp.resolve("exp/whole");
    Path split = tmp.resolve("exp/split");
    TrainConfig cfg = CONFIG.withOverrides("{\"maxEpochs\": 3}");
    Trainer.Result a = new Trainer(cfg, null).train(job(whole, false));
    Trainer.Result paused = new Trainer(cfg, null).train(job(split, false), 2);
    assertFalse(paused.finished(), "an epoch limit pauses the run");
    assertEquals(2, paused.epochsDone());
    assertFalse(Files.exists(split.resolve("final.model")), "final.model only once stopped");
    assertTrue(Files.exists(split.resolve("best.model")));
    assertTrue(a.finished());
    assertEquals(3, a.epochsDone());
    // leftovers of a killed write must not matter, and the resume removes them (F15)
    Path stale = split.resolve(".checkpoint.bin.0123456789ab.tmp");
    Path staleBest = split.resolve(".best.model.0123456789ab.tmp");
    for (Path p : List.of(stale, staleBest)) {
      Files.writeString(p, "garbage");
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(1000));
    }
    Files.writeString(
        split.resolve("steps.csv"),
        "3,99,1,1.0",
        java.nio.charset.StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    Trainer.Result b = new Trainer(cfg, null).train(job(split, true));
    assertFalse(Files.exists(stale), "stale temp of checkpoint.bin left behind");
    assertFalse(Files.exists(staleBest), "stale temp of best.model left behind");
    assertEquals(a.epochs().size(), b.epochs().size());
    for (int e = 0; e < a.epochs().size(); e++) {
      assertEquals(
          a.epochs().get(e).heldOutLoss(),
          b.epochs().get(e).heldOutLoss(),
          0.0,
          "epoch " + (e + 1));
      assertEquals(
          a.epochs().get(e).trainLoss(), b.epochs().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
    }
    try (NDManager m = NDManager.newBaseManager()) {
      var ma = ModelFile.read(whole.resolve("final.model"), m).model().parameters();
      var mb = ModelFile.read(split.resolve("final.model"), m).model().parameters();
      for (String k : ma.arrays().keySet()) {
        assertArrayEquals(ma.get(k).toFloatArray(), mb.get(k).toFloatArray(), k);
      }
    }
    assertEquals(
        Files.readAllLines(whole.resolve("steps.csv")).stream()
            .map(TrainerTest::dropTiming)
            .toList(),
        Files.readAllLines(split.resolve("steps.csv")).stream()
            .map(TrainerTest::dropTiming)
            .toList());
  }

  private static String dropTiming(String line) {
    String[] f = line.split(",");
    f[6] = "";
    return String.join(",", f);
  }

  /** ST-NAS retrain schedule: divide by 10 on every non-improving epoch, stop below the floor. */
  @Test
  void learningRateDecaysOnNonImprovingEpochsAndStopsBelowTheFloor() throws Exception {
    TrainConfig cfg =
        CONFIG.withOverrides(
            "{\"maxEpochs\": 10, \"decayAfterEpoch\": 1, \"minImprovement\": 1e9,"
                + " \"minLearningRate\": 5e-4, \"specAugment\": false}");
    Trainer.Result r = new Trainer(cfg, null).train(job(tmp.resolve("exp/schedule"), false));
    // epoch 1 improves on +inf; every later epoch falls short of the 1e9 improvement
    double[] want = {0.01, 0.01, 0.001};
    assertEquals(want.length, r.epochs().size());
    for (int e = 0; e < want.length; e++) {
      assertEquals(want[e], r.epochs().get(e).learningRate(), 1e-12, "epoch " + (e + 1));
    }
    assertEquals(1, r.bestEpoch());
    assertTrue(Files.exists(tmp.resolve("exp/schedule/final.model")));
  }

  @Test
  void refusesToOverwriteARunWithoutResume() throws Exception {
    Path out = tmp.resolve("exp/twice");
    new Trainer(CONFIG, null).train(job(out, false), 1);
    assertThrows(
        IllegalArgumentException.class, () -> new Trainer(CONFIG, null).train(job(out, false)));
  }

  /**
   * F5 (reliability review): with {@code learningRate 1e30} every loss went NaN, the run went on to
   * maxEpochs and then died of NoSuchFileException best.model. Now non-finite batches are skipped
   * and counted in epochs.csv, the first diverged epoch stops the run, and the run says what
   * happened and how to fix it.
   */
  @Test
  void aDivergedRunStopsAndSaysSoInsteadOfMissingBestModel() throws Exception {
    Path out = tmp.resolve("exp/diverged");
    TrainConfig cfg =
        CONFIG.withOverrides("{\"maxEpochs\": 4, \"learningRate\": 1e30, \"clipNorm\": 0}");
    List<String> messages = new ArrayList<>();
    Trainer.DivergedException e =
        assertThrows(
            Trainer.DivergedException.class,
            () ->
                new Trainer(
                        cfg,
                        new TrainListener() {
                          @Override
                          public void message(String line) {
                            messages.add(line);
                          }
                        })
                    .train(job(out, false)));
    assertTrue(
        e.getMessage().contains("training diverged")
            && e.getMessage().contains("lower learningRate"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith(out.resolve("epochs.csv").toString()), e.getMessage());
    assertFalse(Files.exists(out.resolve("best.model")));
    List<String> rows = Files.readAllLines(out.resolve("epochs.csv"));
    assertTrue(rows.get(0).endsWith(",skipped,nonfinite_batches"), rows.get(0));
    assertTrue(rows.size() - 1 < 4, "stopped at the first diverged epoch: " + rows);
    String[] last = rows.get(rows.size() - 1).split(",");
    assertTrue(Integer.parseInt(last[8]) > 0, rows.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("diverged")), messages.toString());
    // a resume of the stopped run says the same, not NoSuchFileException
    assertThrows(
        Trainer.DivergedException.class, () -> new Trainer(cfg, null).train(job(out, true)));
  }

  /** A batch whose loss is not finite is not back-propagated: no parameter changes. */
  @Test
  void aNonFiniteBatchUpdatesNothing() throws Exception {
    var spec = org.asrnas.nas.model.ArchitectureSpec.read(modelJson).withUnits(6);
    try (NDManager m = NDManager.newBaseManager()) {
      var model = org.asrnas.nas.model.AcousticModel.create(spec, m, 1);
      Adam adam = new Adam(model.parameters(), 0.9, 0.999, 1e-8);
      float[][] frames = new float[30][8];
      frames[3][2] = Float.NaN;
      Corpus.Item item =
          new Corpus.Item("u", org.asrnas.core.io.FloatMatrix.of(frames), new int[] {1, 2});
      Batch batch = Batch.of(List.of(item), new int[] {0}, 2, 2, null, null);
      java.util.Map<String, float[]> before = new java.util.HashMap<>();
      model.parameters().arrays().forEach((k, v) -> before.put(k, v.toFloatArray()));
      var ctc = new org.asrnas.nas.ctc.CtcCriterion(new org.asrnas.nas.ctc.CtcLoss(1));
      double[] r = Trainer.trainStep(model, adam, ctc, batch, 0.01, 0, m);
      assertFalse(Double.isFinite(r[0]), "loss " + r[0]);
      model
          .parameters()
          .arrays()
          .forEach((k, v) -> assertArrayEquals(before.get(k), v.toFloatArray(), k));
    }
  }

  /** epochs.csv of a run started before nonfinite_batches existed gets the column on resume. */
  @Test
  void anOldEpochsCsvGainsTheNewColumnAndStillReads() throws Exception {
    Path f = tmp.resolve("old-epochs.csv");
    Files.write(
        f,
        List.of(
            "epoch,train_loss,heldout_loss,heldout_per,lr,improved,seconds,skipped",
            "1,2.0,1.5,80.0,0.001,true,3.25,0"));
    CsvLog.upgradeEpochs(f);
    assertEquals(
        List.of(
            "epoch,train_loss,heldout_loss,heldout_per,lr,improved,seconds,skipped,nonfinite_batches",
            "1,2.0,1.5,80.0,0.001,true,3.25,0,"),
        Files.readAllLines(f));
    Trainer.EpochRecord r = CsvLog.readEpochs(f).get(0);
    assertEquals(0, r.nonFiniteBatches());
    assertEquals(1.5, r.heldOutLoss());
  }
}
