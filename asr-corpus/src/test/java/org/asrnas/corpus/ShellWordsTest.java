package org.asrnas.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.ShellWords;
import org.asrnas.core.data.WavEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F7 of the reliability review: paths that the toolkit writes into {@code wav.scp} commands are
 * single shell words, so a later {@code bash -c} never runs text taken from a file name.
 */
class ShellWordsTest {
  static final String INJECTION = "a.sph;touch pwned;#";

  @Test
  void quoteLeavesSafeWordsAndSingleQuotesTheRest() {
    assertEquals("/data/wsj/a-1_b.sph", ShellWords.quote("/data/wsj/a-1_b.sph"));
    assertEquals("'a b.wav'", ShellWords.quote("a b.wav"));
    assertEquals("'it'\\''s.wav'", ShellWords.quote("it's.wav"));
    assertEquals("''", ShellWords.quote(""));
  }

  @Test
  void splitUndoesQuoteForHostileNames() {
    for (String s :
        List.of(INJECTION, "it's", "$(id)", "`id`", "a\"b", "x\\y", "a b\tc", "*?[x]", "'", "")) {
      assertEquals(
          Optional.of(List.of("sox", s, "-")),
          ShellWords.split("sox " + ShellWords.quote(s) + " -"),
          s);
    }
    assertTrue(ShellWords.split("a; b").isEmpty(), "unquoted shell syntax is not a simple line");
    assertTrue(ShellWords.split("echo $HOME").isEmpty());
  }

  /** Runs {@code command} through bash in {@code cwd}, as a later stage runs a wav.scp pipe. */
  static List<String> bashWords(String command, Path cwd) throws Exception {
    // printf prints every word of the command line on its own line and runs nothing else.
    Process p =
        new ProcessBuilder("bash", "-c", "printf '%s\\n' " + command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\n")));
  }

  static String withoutPipe(String spec) {
    String s = spec.strip();
    return s.substring(0, s.length() - 1).strip();
  }

  @Test
  void speedPerturbationQuotesPathsSoBashRunsNoInjectedCommand(@TempDir Path tmp) throws Exception {
    String path = tmp.resolve(INJECTION).toString();
    DataDir d =
        new DataDir(
            new TreeMap<>(Map.of("u1", new WavEntry("u1", path))),
            new TreeMap<>(),
            new TreeMap<>(Map.of("u1", "u1")),
            new TreeMap<>(),
            new TreeMap<>());
    String spec = DataAugment.speed(d, 0.9).wavScp().get("sp0.9-u1").spec();
    assertEquals(
        List.of("sox", "-R", path, "-t", "wav", "-", "speed", "0.9"),
        bashWords(withoutPipe(spec), tmp));
    // The whole command as asr features runs it (sox may be missing here: then it just fails).
    Process p =
        new ProcessBuilder("bash", "-o", "pipefail", "-c", withoutPipe(spec) + " > /dev/null")
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertFalse(Files.exists(tmp.resolve("pwned")), "the file name was run as a command: " + spec);
    // An sph2pipe entry whose file has shell syntax keeps the file as one word too.
    WavEntry sph = new WavEntry("r", SwbdLdc.sph2pipeCommand(path, 2));
    assertEquals(
        List.of("sph2pipe", "-f", "wav", "-p", "-c", "2", path),
        bashWords(withoutPipe(sph.spec()), tmp));
    assertEquals(
        List.of("sox", "-R", path, "-t", "wav", "-", "remix", "2"),
        bashWords(SoxAudio.wavCommand(sph), tmp));
    assertFalse(Files.exists(tmp.resolve("pwned")));
  }

  @Test
  void prepSwbdQuotesFileNamesFromTheDirectoryListing(@TempDir Path tmp)
      throws IOException, Exception {
    Path audio = tmp.resolve("sw02001;touch pwned;#.sph");
    String spec = SwbdLdc.sph2pipe(audio, 1);
    assertEquals(
        List.of(
            "sph2pipe",
            "-f",
            "wav",
            "-p",
            "-c",
            "1",
            audio.toAbsolutePath().normalize().toString()),
        bashWords(withoutPipe(spec), tmp));
    assertFalse(Files.exists(tmp.resolve("pwned")));
  }

  @Test
  void pathStartingWithDashIsNotAnOption() {
    assertEquals("./-x.wav", SoxAudio.pathWord("-x.wav"));
  }
}
