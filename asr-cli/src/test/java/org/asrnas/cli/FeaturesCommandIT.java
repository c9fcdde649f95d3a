package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asr features} on a 1000-utterance directory (the acceptance run). */
@Tag("slow")
class FeaturesCommandIT {
  @TempDir Path tmp;

  @Test
  void thousandUtterances() throws Exception {
    Path d = tmp.resolve("data");
    Files.createDirectories(d.resolve("wav"));
    List<String> wav = new ArrayList<>();
    List<String> u2s = new ArrayList<>();
    List<String> s2u = new ArrayList<>();
    long expectedFrames = 0;
    for (int s = 0; s < 10; s++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "spk%d", s));
      for (int i = 0; i < 100; i++) {
        String utt = String.format(Locale.ROOT, "spk%d-%03d", s, i);
        int samples = 8000 + 97 * ((s * 100 + i) % 100);
        FeaturesCommandTest.wav(d.resolve("wav/" + utt + ".wav"), samples);
        wav.add(utt + " " + d.resolve("wav/" + utt + ".wav"));
        u2s.add(utt + " spk" + s);
        line.append(' ').append(utt);
        expectedFrames += 1 + (samples - 400) / 160;
      }
      s2u.add(line.toString());
    }
    Files.write(d.resolve("wav.scp"), wav);
    Files.write(d.resolve("utt2spk"), u2s);
    Files.write(d.resolve("spk2utt"), s2u);
    Path out = tmp.resolve("fbank");
    CliRunner r =
        CliRunner.run("features", "--data", d.toString(), "--out", out.toString(), "--jobs", "2");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.out().contains("1000 of 1000 utterances, " + expectedFrames + " frames, 0 skipped"),
        r.out());
    List<String> scp = Files.readAllLines(out.resolve("feats.scp"));
    assertEquals(1000, scp.size());
    List<String> sorted = new ArrayList<>(scp);
    sorted.sort(null);
    assertEquals(sorted, scp);
    assertEquals(10, Files.readAllLines(out.resolve("cmvn.scp")).size());
    CliRunner again =
        CliRunner.run("features", "--data", d.toString(), "--out", out.toString(), "--jobs", "2");
    assertTrue(again.out().contains("(10 of 10 shards resumed)"), again.out());
  }
}
