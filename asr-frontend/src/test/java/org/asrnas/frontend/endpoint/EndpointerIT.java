package org.asrnas.frontend.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.audio.Resampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpointer on real speech: espeak-ng utterances joined by pauses of known length (skipped
 * where espeak-ng is not installed).
 */
class EndpointerIT {
  static final String[] SENTENCES = {
    "the quick brown fox jumps over the lazy dog",
    "she sells sea shells by the sea shore",
    "a journey of a thousand miles begins with a single step",
    "please call stella and ask her to bring these things"
  };

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** espeak-ng's reading of {@code text} at 16 kHz. */
  static Audio speak(Path dir, String text, int i) throws Exception {
    Path wav = dir.resolve("u" + i + ".wav");
    Process p =
        new ProcessBuilder("espeak-ng", "-v", "en-us", "-w", wav.toString(), text)
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("espeak-ng failed on '" + text + "'");
    }
    return Resampler.resample(AudioReader.read(wav), 16000);
  }

  /** First and last sample louder than {@code level}. */
  static int[] active(float[] x, float level) {
    int a = 0;
    while (a < x.length && Math.abs(x[a]) <= level) {
      a++;
    }
    int b = x.length - 1;
    while (b > a && Math.abs(x[b]) <= level) {
      b--;
    }
    return new int[] {a, b + 1};
  }

  @Test
  void concatenatedUtterancesComeBackOneSegmentEach(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("espeak-ng"), "espeak-ng is not installed");
    Random rng = new Random(1);
    List<float[]> parts = new ArrayList<>();
    List<double[]> truth = new ArrayList<>();
    int at = 0;
    int pause = 16000; // 1 s between utterances, 0.5 s before the first
    at += pause / 2;
    parts.add(new float[pause / 2]);
    for (int i = 0; i < SENTENCES.length; i++) {
      float[] u = speak(dir, SENTENCES[i], i).samples();
      int[] span = active(u, 30);
      truth.add(new double[] {(at + span[0]) / 16000.0, (at + span[1]) / 16000.0});
      parts.add(u);
      parts.add(new float[pause]);
      at += u.length + pause;
    }
    float[] x = new float[at];
    int o = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, x, o, p.length);
      o += p.length;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] += (float) (5 * rng.nextGaussian());
    }
    List<SpeechSegment> got =
        Endpointer.segments(Audio.mono(16000, x), EndpointerConfig.defaults().withPaddingMs(0));
    assertEquals(SENTENCES.length, got.size(), got.toString());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(truth.get(i)[0], got.get(i).startSeconds(), 0.05, "start of " + i + " " + got);
      assertEquals(truth.get(i)[1], got.get(i).endSeconds(), 0.05, "end of " + i + " " + got);
    }
  }
}
