package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.nio.file.Path;
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
}
