package org.asrnas.frontend.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.frontend.audio.AudioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAV stream from a real pipe: sox writing to its standard output, whose header carries no length
 * (skipped where sox is not installed).
 */
class AudioStreamsIT {
  @Test
  void soxOnAPipeGivesTheSamplesOfTheSameFile(@TempDir Path dir) throws Exception {
    boolean sox = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      sox |= Files.isExecutable(Path.of(d, "sox"));
    }
    assumeTrue(sox, "sox is not installed");
    List<String> synth = List.of("synth", "3.3", "sine", "300-3000", "gain", "-3", "dither", "-s");
    Path file = dir.resolve("x.wav");
    List<String> toFile =
        new java.util.ArrayList<>(
            List.of("sox", "-R", "-n", "-r", "16000", "-b", "16", "-c", "1", file.toString()));
    toFile.addAll(synth);
    assertEquals(0, new ProcessBuilder(toFile).inheritIO().start().waitFor());
    List<String> toPipe =
        new java.util.ArrayList<>(
            List.of("sox", "-R", "-n", "-r", "16000", "-b", "16", "-c", "1", "-t", "wav", "-"));
    toPipe.addAll(synth);
    Process p = new ProcessBuilder(toPipe).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    AudioStreamsTest.Collect c = new AudioStreamsTest.Collect();
    int rate = AudioStreams.readWav(p.getInputStream(), Path.of("sox |"), 1600, c);
    assertEquals(0, p.waitFor());
    assertEquals(16000, rate);
    float[] want = AudioReader.read(file).samples();
    assertEquals(want.length, c.samples().length);
    assertArrayEquals(want, c.samples());
  }
}
