package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = AsrCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void gpuRequestOnACpuBuildFailsWithTheFix() {
    Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible here");
    Run r =
        run(
            "train",
            "--data",
            tmp.toString(),
            "--model",
            "m.json",
            "--out",
            tmp.resolve("x").toString(),
            "--device",
            "gpu:1");
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err().contains("PYTORCH_LIBRARY_PATH") && r.err().contains("--device cpu"), r.err());
  }

  @Test
  void modelIsRequiredUnlessResuming() {
    Run r = run("train", "--data", tmp.toString(), "--out", tmp.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--model is required"), r.err());
  }

  @Test
  void missingFeaturesNameTheFile() {
    Run r =
        run(
            "infer",
            "--model",
            tmp.toString(),
            "--data",
            tmp.toString(),
            "--out",
            tmp.resolve("o").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("final.model"), r.err());
  }
}
