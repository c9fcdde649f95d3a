package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer with {@code "loss": "ctc-crf"} on the tiny corpus. */
class CtcCrfTrainingTest {
  @TempDir static Path tmp;
  static Path data;
  static Path lang;
  static Path modelJson;

  static final TrainConfig CONFIG =
      TrainConfig.defaults()
          .withOverrides(
              "{\"seed\": 7, \"maxEpochs\": 3, \"batchFrames\": 400, \"learningRate\": 0.01,"
                  + " \"heldOutFraction\": 0.2, \"loss\": \"ctc-crf\", \"crfLambda\": 0.1,"
                  + " \"phoneLmOrder\": 3}");

  @BeforeAll
  static void corpus() throws Exception {
    data = tmp.resolve("data/train");
    lang = tmp.resolve("data/lang");
    TinyCorpus.write(data, lang, 40, 11);
    modelJson = tmp.resolve("tiny.json");
    Files.writeString(modelJson, TinyCorpus.MODEL_JSON);
  }

  private static Trainer.Job job(Path out, Path units, boolean resume) {
    return new Trainer.Job(
        new TrainingData(data, null, units, lang.resolve("lexicon.txt")),
        modelJson,
        out,
        Device.cpu(),
        resume);
  }

  @Test
  void trainsWithFiniteFallingLossesAndResumesWithTheStoredGraph() throws Exception {
    Path out = tmp.resolve("exp/crf");
    List<String> messages = new ArrayList<>();
    TrainListener listener =
        new TrainListener() {
          @Override
          public void message(String line) {
            messages.add(line);
          }
        };
    Trainer.Result paused =
        new Trainer(CONFIG, listener).train(job(out, lang.resolve("units.txt"), false), 2);
    assertEquals(2, paused.epochs().size());
    for (Trainer.EpochRecord e : paused.epochs()) {
      assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.heldOutLoss()), e.toString());
      assertEquals(0, e.nonFiniteBatches());
    }
    assertTrue(
        paused.epochs().get(1).heldOutLoss() < paused.epochs().get(0).heldOutLoss(),
        paused.epochs().toString());
    assertTrue(
        paused.epochs().get(1).trainLoss() < paused.epochs().get(0).trainLoss(),
        paused.epochs().toString());
    assertTrue(Files.exists(out.resolve(LossSetup.PHONE_LM)));
    assertTrue(Files.exists(out.resolve(LossSetup.DEN_GRAPH)));
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("CTC-CRF (lambda 0.1)")), messages.toString());
    assertTrue(Files.readString(out.resolve("config.json")).contains("\"ctc-crf\""));

    // resume reads the stored LM and graph back; the same run as uninterrupted
    Trainer.Result rest =
        new Trainer(CONFIG, null).train(job(out, lang.resolve("units.txt"), true));
    assertTrue(rest.finished());
    assertEquals(3, rest.epochsDone());
    Trainer.Result whole =
        new Trainer(CONFIG, null)
            .train(job(tmp.resolve("exp/crf-whole"), lang.resolve("units.txt"), false));
    // decoding is unchanged: the model's log-softmax outputs, greedy or through the LM decoder
    Trainer.EpochRecord last = rest.epochs().get(rest.epochs().size() - 1);
    assertTrue(last.phoneErrorRate() < 100.0, last.toString());
    Path scp =
        Inference.run(out, data, tmp.resolve("crf-logprobs"), Device.cpu(), 1000, n -> {}, m -> {});
    assertEquals(40, org.asrnas.core.io.KaldiArchive.readScp(scp).size());
    assertEquals(
        whole.epochs().get(2).heldOutLoss(),
        rest.epochs().get(rest.epochs().size() - 1).heldOutLoss(),
        0.0);
  }

  @Test
  void aStoredPhoneLmOfOtherUnitsIsAnErrorNamingBothFiles() throws Exception {
    Path out = tmp.resolve("exp/crf-mismatch");
    new Trainer(CONFIG, null).train(job(out, lang.resolve("units.txt"), false), 1);
    // a phone LM of another unit set: one of its symbols is not in units.txt
    Path lm = out.resolve(LossSetup.PHONE_LM);
    List<String> lines = new ArrayList<>(Files.readAllLines(lm));
    String[] f = lines.get(0).split("\t");
    f[2] = "zz";
    lines.set(0, String.join("\t", f));
    Files.write(lm, lines);
    Path units = lang.resolve("units.txt");
    AsrInputException e =
        assertThrows(
            AsrInputException.class, () -> new Trainer(CONFIG, null).train(job(out, units, true)));
    assertTrue(
        e.getMessage().contains(lm.toString())
            && e.getMessage().contains(units.toString())
            && e.getMessage().contains("'zz'"),
        e.getMessage());
  }
}
