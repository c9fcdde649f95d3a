package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F10 and F13 of the reliability review: {@code asr decode --model} failures. */
class DecodeModelFailureTest {
  @TempDir Path tmp;
  private Path tmpdir;
  private String savedTmpdir;

  @BeforeEach
  void ownTmpdir() throws IOException {
    savedTmpdir = System.getProperty("java.io.tmpdir");
    tmpdir = Files.createDirectories(tmp.resolve("javatmp"));
    System.setProperty("java.io.tmpdir", tmpdir.toString());
  }

  @AfterEach
  void restoreTmpdir() {
    System.setProperty("java.io.tmpdir", savedTmpdir);
  }

  /**
   * Work dirs of this test: any asr-decode* dir in the test's tmpdir, and those in the JVM's
   * original one (where a leak went before the fix) whose wav.scp names this test's files.
   */
  private List<Path> decodeDirs() throws IOException {
    List<Path> out = new java.util.ArrayList<>();
    for (Path root : List.of(tmpdir, Path.of(savedTmpdir))) {
      try (Stream<Path> s = Files.list(root)) {
        for (Path p : s.filter(p -> p.getFileName().toString().startsWith("asr-decode")).toList()) {
          Path wav = p.resolve("data/wav.scp");
          if (root.equals(tmpdir)
              || Files.isReadable(wav) && Files.readString(wav).contains(tmp.toString())) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  private Path modelDir() throws IOException {
    Path m = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(m.resolve("fbank.json"), "{}\n");
    Files.writeString(m.resolve("units.txt"), "<blk> 0\nA 1\n");
    Files.write(m.resolve("final.model"), new byte[] {1, 2, 3});
    return m;
  }

  @Test
  void failedDecodeRemovesItsTempDirAndNamesSkipsPlainly() throws IOException {
    Path bad = tmp.resolve("notaudio.wav");
    Files.writeString(bad, "this is not audio\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("decode", "--model", modelDir().toString(), bad.toString());
    assertEquals(List.of(), decodeDirs(), "asr-decode temp dir left behind");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("no utterance could be read"), r.err());
    assertTrue(r.err().contains("skipped notaudio: "), r.err());
    assertFalse(r.err().contains("Skipped["), "a skip is printed as a Java record: " + r.err());
    assertEquals(List.of(), decodeDirs(), "asr-decode temp dir left behind");
  }

  @Test
  void failedDecodeOfADataDirRemovesItsTempDir() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("wav.scp"), "u1 " + tmp.resolve("missing.wav") + "\n");
    Files.writeString(data.resolve("utt2spk"), "u1 u1\n");
    Files.writeString(data.resolve("spk2utt"), "u1 u1\n");
    Files.writeString(data.resolve("text"), "u1 A\n");
    CliRunner r =
        CliRunner.run("decode", "--model", modelDir().toString(), "--data", data.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of(), decodeDirs(), "asr-decode temp dir left behind");
  }

  @Test
  void nonexistentModelSaysNoSuchModel() throws IOException {
    Path wav = tmp.resolve("a.wav");
    Files.write(wav, new byte[44]);
    CliRunner r = CliRunner.run("decode", "--model", "/nonexistent/dir", wav.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("error: /nonexistent/dir: no such model"), r.err());
    assertFalse(r.err().contains("feature options of the model are unknown"), r.err());
    assertEquals(List.of(), decodeDirs());
  }
}
