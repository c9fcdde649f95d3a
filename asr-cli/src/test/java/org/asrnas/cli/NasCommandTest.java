package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NasCommandTest {
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
  void newRunNeedsSpaceAndData() {
    Run r = run("nas", "run", "--out", tmp.resolve("x").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--space and --data are required"), r.err());
  }

  @Test
  void unknownStrategyIsBadUsage() {
    Run r =
        run(
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
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("st, darts, snas, proxyless or random"), r.err());
  }

  @Test
  void unknownStageIsBadUsage() {
    Run r =
        run(
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
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("unknown stage 'tune'"), r.err());
  }

  @Test
  void showOnANonRunDirNamesTheMissingFile() {
    Run r = run("nas", "show", "--out", tmp.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("run.json"), r.err());
  }

  @Test
  void continuingWithoutARunDirSaysSo() {
    Run r = run("nas", "search", "--out", tmp.resolve("none").toString(), "--resume");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("no search run"), r.err());
  }
}
