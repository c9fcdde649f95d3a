package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NasCommandTest {
  @TempDir Path tmp;

  @Test
  void newRunNeedsSpaceAndData() {
    CliRunner r = CliRunner.run("nas", "run", "--out", tmp.resolve("x").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--space and --data are required"), r.err());
  }

  @Test
  void unknownStrategyIsBadUsage() {
    CliRunner r =
        CliRunner.run(
            "nas",
            "run",
            "--strategy",
            "evolution",
            "--space",
            "s.json",
            "--data",
            tmp.toString(),
            "--out",
            tmp.resolve("x").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("st, darts, snas, proxyless, random or rsws"), r.err());
  }

  @Test
  void unknownStageIsBadUsage() {
    CliRunner r =
        CliRunner.run(
            "nas",
            "run",
            "--stages",
            "warmup,tune",
            "--space",
            "s.json",
            "--data",
            tmp.toString(),
            "--out",
            tmp.resolve("x").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("unknown stage 'tune'"), r.err());
  }

  @Test
  void showOnANonRunDirNamesTheMissingFile() {
    CliRunner r = CliRunner.run("nas", "show", "--out", tmp.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("run.json"), r.err());
  }

  @Test
  void continuingWithoutARunDirSaysSo() {
    CliRunner r =
        CliRunner.run("nas", "search", "--out", tmp.resolve("none").toString(), "--resume");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("no search run"), r.err());
  }

  /**
   * F6 (reliability review): {@code nas run --out X --stages retrain --resume} without --seed and
   * --retrain-config (what recipes/common/system.sh and a plain resume run) retrained with seed 1
   * and the default config (maxEpochs 50); it must use run.json's seed and retrain_config.
   */
  @Test
  void resumedRetrainTakesTheSeedAndRetrainConfigOfRunJson() throws Exception {
    Path data = tmp.resolve("data/train");
    Path lang = tmp.resolve("data/lang");
    writeTinyData(data, lang);
    Path out = tmp.resolve("run");
    java.nio.file.Files.createDirectories(out);
    String arch =
        "{\"input_dim\": 24, \"units\": 4, \"width\": 8,"
            + " \"blocks\": [{\"op\": \"tdnn-C1D1\"}]}";
    java.nio.file.Files.writeString(out.resolve("derived.json"), arch);
    java.nio.file.Files.writeString(
        out.resolve("space.json"),
        arch.replace("\"op\": \"tdnn-C1D1\"", "\"candidates\": [\"tdnn-C1D1\", \"zero\"]"));
    java.nio.file.Files.writeString(
        out.resolve("config.json"), org.asrnas.nas.search.SearchConfig.defaults().toJson());
    String retrain =
        org.asrnas.nas.train.TrainConfig.defaults()
            .withOverrides("{\"maxEpochs\": 2, \"batchFrames\": 400, \"seed\": 4}")
            .toJson();
    java.nio.file.Files.writeString(
        out.resolve("run.json"),
        "{\"strategy\": \"st\", \"seed\": 4, \"train_dir\": \""
            + data.toAbsolutePath()
            + "\", \"units\": \""
            + lang.resolve("units.txt").toAbsolutePath()
            + "\", \"lexicon\": \""
            + lang.resolve("lexicon.txt").toAbsolutePath()
            + "\", \"retrain_config\": "
            + retrain
            + "}");
    CliRunner r =
        CliRunner.run(
            "nas",
            "run",
            "--out",
            out.toString(),
            "--stages",
            "retrain",
            "--resume",
            "--epochs",
            "1");
    assertEquals(0, r.exitCode(), r.err());
    org.asrnas.nas.train.TrainConfig used =
        org.asrnas.nas.train.TrainConfig.fromJson(
            java.nio.file.Files.readString(out.resolve("retrain/config.json")));
    assertEquals(4, used.seed(), r.err());
    assertEquals(2, used.maxEpochs(), r.err());
    assertEquals(400, used.batchFrames(), r.err());
  }

  /** 8 utterances of 8-dim features over the units a, b, c. */
  private static void writeTinyData(Path data, Path lang) throws Exception {
    java.nio.file.Files.createDirectories(data);
    java.nio.file.Files.createDirectories(lang);
    java.util.Random rnd = new java.util.Random(3);
    java.util.List<String> text = new java.util.ArrayList<>();
    java.util.List<String> utt2spk = new java.util.ArrayList<>();
    try (org.asrnas.core.io.KaldiArchive.Writer w =
        new org.asrnas.core.io.KaldiArchive.Writer(data.resolve("feats.ark"))) {
      for (int u = 0; u < 8; u++) {
        String id = String.format(java.util.Locale.ROOT, "s%d-u%d", u % 2, u);
        float[][] f = new float[30][8];
        for (float[] row : f) {
          for (int d = 0; d < 8; d++) {
            row[d] = (float) rnd.nextGaussian();
          }
        }
        w.write(id, org.asrnas.core.io.FloatMatrix.of(f));
        text.add(id + " A B C");
        utt2spk.add(id + " s" + (u % 2));
      }
      org.asrnas.core.io.KaldiArchive.writeScp(data.resolve("feats.scp"), w.entries());
    }
    java.nio.file.Files.write(data.resolve("text"), text);
    java.nio.file.Files.write(data.resolve("utt2spk"), utt2spk);
    java.nio.file.Files.write(lang.resolve("lexicon.txt"), java.util.List.of("A a", "B b", "C c"));
    java.nio.file.Files.write(
        lang.resolve("units.txt"), java.util.List.of("<blk> 0", "a 1", "b 2", "c 3"));
  }
}
