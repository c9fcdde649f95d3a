package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {
  @TempDir Path tmp;

  static void wav(Path f, int samples) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (3000 * Math.sin(i * 0.1)));
    }
    Files.write(f, b.array());
  }

  private Path dataDir() throws Exception {
    Path d = tmp.resolve("data");
    Files.createDirectories(d);
    wav(d.resolve("a.wav"), 16000);
    wav(d.resolve("b.wav"), 8000);
    Files.writeString(d.resolve("c.wav"), "not audio");
    Files.write(
        d.resolve("wav.scp"),
        List.of(
            "s1-a " + d.resolve("a.wav"),
            "s1-b " + d.resolve("b.wav"),
            "s2-c " + d.resolve("c.wav")));
    Files.write(d.resolve("utt2spk"), List.of("s1-a s1", "s1-b s1", "s2-c s2"));
    Files.write(d.resolve("spk2utt"), List.of("s1 s1-a s1-b", "s2 s2-c"));
    Files.write(d.resolve("text"), List.of("s1-a A", "s1-b B", "s2-c C"));
    return d;
  }

  @Test
  void featuresWritesScpAndReportsSkippedUtterances() throws Exception {
    Path d = dataDir();
    Path out = tmp.resolve("fbank");
    Path cfg = tmp.resolve("fbank.json");
    Files.writeString(cfg, "{\"numMelBins\": 23, \"dither\": 0}");
    CliRunner r =
        CliRunner.run(
            "features",
            "--data",
            d.toString(),
            "--out",
            out.toString(),
            "--config",
            cfg.toString(),
            "--jobs",
            "2");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("2 of 3 utterances, 146 frames, 1 skipped"), r.out());
    assertTrue(r.err().contains("s2-c") && r.err().contains("unknown audio format"), r.err());
    assertEquals(2, Files.readAllLines(out.resolve("feats.scp")).size());
    assertEquals(List.of("s1-a 98", "s1-b 48"), Files.readAllLines(out.resolve("utt2num_frames")));
    assertTrue(Files.exists(out.resolve("cmvn.scp")));
    assertTrue(
        r.err().contains("features: 3 utterances"), "plain log lines off a terminal: " + r.err());
  }

  @Test
  void f2F9BadHeadersAndAHangingPipeAreSkippedAndTheRunExitsZero() throws Exception {
    Path d = tmp.resolve("data");
    Files.createDirectories(d);
    wav(d.resolve("a.wav"), 16000);
    byte[] g = Files.readAllBytes(d.resolve("a.wav"));
    // A LIST chunk of 0xFFFFFFF0 bytes before 'data' aborted the whole run before (F2).
    ByteBuffer b = ByteBuffer.allocate(g.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(g, 0, 36).put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(0xFFFFFFF0);
    b.put("INFO".getBytes(StandardCharsets.US_ASCII)).put(g, 36, g.length - 36);
    Files.write(d.resolve("list.wav"), b.array());
    Files.write(
        d.resolve("wav.scp"),
        List.of("a " + d.resolve("a.wav"), "b " + d.resolve("list.wav"), "c sleep 1000 |"));
    Files.write(d.resolve("utt2spk"), List.of("a a", "b b", "c c"));
    Files.write(d.resolve("spk2utt"), List.of("a a", "b b", "c c"));
    Path out = tmp.resolve("fbank");
    CliRunner r =
        CliRunner.run(
            "features", "--data", d.toString(), "--out", out.toString(), "--pipe-timeout", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("1 of 3 utterances, 98 frames, 2 skipped"), r.out());
    String skipped = Files.readString(out.resolve("skipped.txt"));
    assertTrue(skipped.contains("b\t" + d.resolve("list.wav") + " (byte 36)"), skipped);
    assertTrue(skipped.contains("c\twav.scp[c]: command 'sleep 1000"), skipped);
    assertTrue(skipped.contains("--pipe-timeout"), skipped);
  }

  @Test
  void pipeLimitsMustBePositive() throws Exception {
    Path d = dataDir();
    CliRunner r =
        CliRunner.run(
            "features",
            "--data",
            d.toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--pipe-timeout",
            "0");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--pipe-timeout must be >= 1"), r.err());
  }

  @Test
  void unknownConfigKeyIsAnErrorNamingKeyAndFile() throws Exception {
    Path d = dataDir();
    Path cfg = tmp.resolve("bad.json");
    Files.writeString(cfg, "{\"numMelBinz\": 23}");
    CliRunner r =
        CliRunner.run(
            "features",
            "--data",
            d.toString(),
            "--out",
            tmp.resolve("o").toString(),
            "--config",
            cfg.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("numMelBinz") && r.err().contains(cfg.toString()), r.err());
  }

  @Test
  void dataStatsGetsHoursFromAudioHeaders() throws Exception {
    Path d = dataDir();
    Files.delete(d.resolve("c.wav"));
    wav(d.resolve("c.wav"), 16000 * 3);
    CliRunner r = CliRunner.run("data", "stats", d.toString());
    assertEquals(0, r.exitCode(), r.err());
    // 1 + 0.5 + 3 s = 4.5 s = 0.00125 h
    assertTrue(r.out().contains("0.001 (from audio headers)"), r.out());
  }
}
