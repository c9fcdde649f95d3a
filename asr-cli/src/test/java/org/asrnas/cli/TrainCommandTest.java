package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.nas.train.Trainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path tmp;

  @Test
  void gpuRequestOnACpuBuildFailsWithTheFix() {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible here");
    CliRunner r =
        CliRunner.run(
            "train",
            "--data",
            tmp.toString(),
            "--model",
            "m.json",
            "--out",
            tmp.resolve("x").toString(),
            "--device",
            "gpu:1");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(
        r.err().contains("PYTORCH_LIBRARY_PATH") && r.err().contains("--device cpu"), r.err());
  }

  @Test
  void modelIsRequiredUnlessResuming() {
    CliRunner r =
        CliRunner.run("train", "--data", tmp.toString(), "--out", tmp.resolve("x").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--model is required"), r.err());
  }

  @Test
  void missingFeaturesNameTheFile() {
    CliRunner r =
        CliRunner.run(
            "infer",
            "--model",
            tmp.toString(),
            "--data",
            tmp.toString(),
            "--out",
            tmp.resolve("o").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("final.model"), r.err());
  }

  /** --epochs only pauses a run: the last line must not name a final.model that is not there. */
  @Test
  void pausedRunPointsAtBestModelAndResume() {
    Path run = tmp.resolve("exp/x");
    String paused =
        TrainCommand.outcome(
            new Trainer.Result(List.of(), 1.25, 2, run.resolve("final.model"), 3, false));
    assertFalse(paused.contains("final.model"), paused);
    assertTrue(paused.startsWith("paused after epoch 3:"), paused);
    assertTrue(paused.contains(run.resolve("best.model").toString()), paused);
    assertTrue(paused.contains("--resume"), paused);
    String done =
        TrainCommand.outcome(
            new Trainer.Result(List.of(), 1.25, 2, run.resolve("final.model"), 9, true));
    assertEquals("best held-out loss 1.2500 (epoch 2); model " + run.resolve("final.model"), done);
  }
}
