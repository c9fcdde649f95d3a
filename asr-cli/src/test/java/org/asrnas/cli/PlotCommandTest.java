package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asr plot}: the recipes' loss curves from the run logs, and a clear error for bad input.
 */
class PlotCommandTest {
  @TempDir Path dir;

  @Test
  void drawsChainedLossCurves() throws Exception {
    Path warm = dir.resolve("warmup.csv");
    Path train = dir.resolve("epochs.csv");
    Files.writeString(warm, "epoch,steps,train_loss,heldout_loss\n1,47,480,320\n2,94,370,300\n");
    Files.writeString(train, "epoch,train_loss,heldout_loss,heldout_per\n1,250,240,100\n");
    CliRunner r =
        CliRunner.run(
            "plot",
            "--chain",
            "--out",
            dir.resolve("loss").toString(),
            warm + "=warm-up",
            train + "=retrain");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.size(dir.resolve("loss.png")) > 1000);
    assertTrue(r.out().contains("loss.svg"), r.out());
  }

  @Test
  void unknownColumnFailsWithTheFileName() throws Exception {
    Path csv = dir.resolve("epochs.csv");
    Files.writeString(csv, "epoch,train_loss\n1,250\n");
    CliRunner r =
        CliRunner.run("plot", "--y", "per", "--out", dir.resolve("x").toString(), csv.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("epochs.csv") && r.err().contains("per"), r.err());
  }
}
