package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F12 of the reliability review: a bad --config file is a failure (exit 1) naming the file. */
class ConfigFileExitCodeTest {
  @TempDir Path tmp;

  @Test
  void badTrainConfigIsExit1NamingFileAndKey() throws Exception {
    Path cfg = tmp.resolve("c.json");
    Files.writeString(cfg, "{\"batchFrames\": 3000.5}");
    CliRunner r =
        CliRunner.run(
            "train",
            "--data",
            tmp.toString(),
            "--model",
            "m.json",
            "--out",
            tmp.resolve("o").toString(),
            "--config",
            cfg.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(
        r.err().startsWith("error: " + cfg + ": training option batchFrames must be an integer"),
        r.err());
    assertFalse(r.err().contains("--help"), r.err());
    CliRunner missing =
        CliRunner.run(
            "train",
            "--data",
            tmp.toString(),
            "--model",
            "m.json",
            "--out",
            tmp.resolve("o").toString(),
            "--config",
            tmp.resolve("nope.json").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("nope.json: no such file"), missing.err());
  }

  @Test
  void badFbankConfigIsExit1NamingTheFile() throws Exception {
    Path cfg = tmp.resolve("fbank.json");
    Files.writeString(cfg, "{\"frameShiftMs\": 0.001}");
    Path data = Files.createDirectories(tmp.resolve("d"));
    CliRunner r =
        CliRunner.run(
            "features",
            "--data",
            data.toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--config",
            cfg.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("error: " + cfg + ": frameShiftMs 0.001"), r.err());
  }
}
