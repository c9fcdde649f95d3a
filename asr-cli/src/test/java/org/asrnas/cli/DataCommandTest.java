package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path tmp;

  private Path goodDir() throws Exception {
    Path d = tmp.resolve("data");
    Files.createDirectories(d);
    Files.write(d.resolve("wav.scp"), List.of("r1 r1.sph", "r2 r2.sph"));
    Files.write(
        d.resolve("segments"),
        List.of("r1-0001 r1 0 1.5", "r1-0002 r1 2 3.5", "r2-0001 r2 0.25 1.25"));
    Files.write(
        d.resolve("text"),
        List.of("r1-0001 HELLO WORLD", "r1-0002 HELLO AGAIN", "r2-0001 ZYZZYVA"));
    Files.write(d.resolve("utt2spk"), List.of("r1-0001 r1", "r1-0002 r1", "r2-0001 r2"));
    Files.write(d.resolve("spk2utt"), List.of("r1 r1-0001 r1-0002", "r2 r2-0001"));
    return d;
  }

  @Test
  void validateAcceptsGoodDirectory() throws Exception {
    CliRunner r = CliRunner.run("data", "validate", "--no-audio-check", goodDir().toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("valid (3 utterances, 2 speakers, 2 recordings)"), r.out());
  }

  @Test
  void validateRejectsBrokenDirectoryWithFileAndLine() throws Exception {
    Path d = goodDir();
    Files.write(
        d.resolve("segments"),
        List.of("r1-0001 r1 0 1.5", "r1-0002 r1 3.5 2", "r2-0001 r2 0.25 1.25"));
    CliRunner r = CliRunner.run("data", "validate", "--no-audio-check", d.toString());
    assertEquals(1, r.exitCode());
    assertTrue(
        r.err().contains(d.resolve("segments") + ":2: end 2 must be greater than start 3.5"),
        r.err());
    assertTrue(r.err().contains("1 error(s)"), r.err());
  }

  @Test
  void validateWarnsAboutMissingAudioButPasses() throws Exception {
    CliRunner r = CliRunner.run("data", "validate", goodDir().toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("warning:") && r.err().contains("does not exist"), r.err());
  }

  @Test
  void statsPrintsCountsHoursAndOov() throws Exception {
    Path lex = tmp.resolve("lexicon.txt");
    Files.write(lex, List.of("HELLO HH AH0 L OW1", "WORLD W ER1 L D", "AGAIN AH0 G EH1 N"));
    CliRunner r = CliRunner.run("data", "stats", goodDir().toString(), "--lexicon", lex.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("utterances: 3"), r.out());
    assertTrue(r.out().contains("speakers:   2"), r.out());
    assertTrue(r.out().contains("hours:      0.001 (from segments)"), r.out());
    assertTrue(r.out().contains("vocabulary: 4"), r.out());
    assertTrue(r.out().contains("OOV tokens: 1 of 5 (20.00%)"), r.out());
    assertTrue(r.out().contains("ZYZZYVA(1)"), r.out());
  }

  @Test
  void statsOnBrokenDirectoryFailsWithMessage() throws Exception {
    Path d = goodDir();
    Files.delete(d.resolve("spk2utt"));
    CliRunner r = CliRunner.run("data", "stats", d.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("error: " + d.resolve("spk2utt")), r.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, CliRunner.run("data", "validate").exitCode());
    assertEquals(2, CliRunner.run("no-such-command").exitCode());
    assertEquals(2, CliRunner.run().exitCode());
    CliRunner r = CliRunner.run("data", "stats", "x", "--bogus");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
  }

  @Test
  void helpAndVersion() {
    CliRunner help = CliRunner.run("--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("data"));
    CliRunner v = CliRunner.run("--version");
    assertEquals(0, v.exitCode());
    assertTrue(v.out().contains("DJL 0.35.1, PyTorch 2.7.1"), v.out());
    assertTrue(v.out().startsWith("asr 0.1.0"), v.out());
    CliRunner dv = CliRunner.run("data", "validate", "--help");
    assertTrue(dv.out().contains("Example"), dv.out());
  }
}
