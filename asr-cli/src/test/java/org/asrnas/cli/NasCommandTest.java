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
}
