package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreStmCtmCommandTest {
  static Path[] files(Path dir) throws Exception {
    Path stm = dir.resolve("ref.stm");
    Path ctm = dir.resolve("hyp.ctm");
    Path glm = dir.resolve("rules.glm");
    Files.writeString(
        stm,
        ";; two segments\n"
            + "sw_1 A sw_1-A 0.00 2.00 <O> hello (uh) world\n"
            + "sw_1 A sw_1-A 3.00 4.00 <O> uh-huh ok\n"
            + "en_2 B en_2-B 0.00 1.00 yes\n");
    Files.writeString(
        ctm,
        "sw_1 A 0.10 0.30 hello 0.9\n"
            + "sw_1 A 0.50 0.30 um 0.5\n"
            + "sw_1 A 0.90 0.30 world 0.8\n"
            + "sw_1 A 3.10 0.40 uh-huh 0.7\n"
            + "sw_1 A 3.60 0.20 ok 0.7\n"
            + "en_2 B 0.20 0.30 no 0.4\n");
    Files.writeString(glm, ";; test\nUM => %HESITATION / [ ] __ [ ]\nUH => %HESITATION\n");
    return new Path[] {stm, ctm, glm};
  }

  @Test
  void scoresCtmAgainstStmWithTheGlmAndWritesReports(@TempDir Path dir) throws Exception {
    Path[] f = files(dir);
    Path out = dir.resolve("score");
    CliRunner r =
        CliRunner.run(
            "score",
            "--stm",
            f[0].toString(),
            "--ctm",
            f[1].toString(),
            "--glm",
            f[2].toString(),
            "--out",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    // (uh) -> (%hesitation) matches um -> %hesitation; uh-huh split on both sides; yes/no
    // (sclite 2.10 after csrfilt.sh -dh with this GLM: 85.7% correct, 14.3% sub of 7 words)
    assertTrue(r.out().startsWith("%WER 14.29 [ 1 / 7, 0 ins, 0 del, 1 sub ]"), r.out());
    assertTrue(r.out().contains("SW: %WER 0.00"), r.out());
    for (String name : List.of("sum.txt", "rsum.txt", "pra.txt", "wer.txt", "counts.tsv")) {
      assertTrue(Files.size(out.resolve(name)) > 0, name);
    }
    assertTrue(Files.readString(out.resolve("pra.txt")).contains("id: (sw_1-a-001)"));
  }

  @Test
  void mixingTheModesIsAUsageError(@TempDir Path dir) throws Exception {
    Path[] f = files(dir);
    CliRunner r = CliRunner.run("score", "--stm", f[0].toString(), "--hyp", f[1].toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("two modes"), r.err());
    assertEquals(2, CliRunner.run("score", "--stm", f[0].toString()).exitCode());
    assertEquals(2, CliRunner.run("score").exitCode());
  }

  @Test
  void wordsOfAnUnknownChannelNameTheCtmLine(@TempDir Path dir) throws Exception {
    Path[] f = files(dir);
    Files.writeString(f[1], "sw_1 A 0.1 0.3 hello\nsw_9 A 0.1 0.3 stray\n");
    CliRunner r = CliRunner.run("score", "--stm", f[0].toString(), "--ctm", f[1].toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("hyp.ctm:2"), r.err());
    assertTrue(r.err().contains("'sw_9'"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
