package org.asrnas.frontend.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.audio.PipeLimits;
import org.asrnas.frontend.extract.FeatureExtraction.Skipped;
import org.asrnas.frontend.features.FbankConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions of the reliability review at the level of the features run: one bad input (F1's
 * low-rate header with resampling, F2's parser crashes or any other exception, F9's pipes) is a
 * named line in {@code skipped.txt}, and the valid utterances are featurised.
 */
class FeatureExtractionIsolationTest {
  @TempDir Path tmp;

  /** A data dir of {@code id -> wav.scp value}, one speaker per utterance. */
  private Path dataDir(Map<String, String> wav) throws Exception {
    Path d = Files.createDirectories(tmp.resolve("data"));
    Files.write(
        d.resolve("wav.scp"),
        wav.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    List<String> u2s = wav.keySet().stream().map(k -> k + " " + k).toList();
    Files.write(d.resolve("utt2spk"), u2s);
    Files.write(d.resolve("spk2utt"), u2s);
    return d;
  }

  private Path goodWav(String name) throws Exception {
    Path f = tmp.resolve(name);
    TestDataDirs.writeWav(f, 16000, 8000, name.hashCode());
    return f;
  }

  private FeatureExtraction.Result run(Path data, FeatureExtraction.Options o) throws Exception {
    return FeatureExtraction.run(o, FeatureExtraction.Progress.none());
  }

  private FeatureExtraction.Options options(Path data, boolean resample) {
    return new FeatureExtraction.Options(
        data, tmp.resolve("fbank"), FbankConfig.defaults(), 2, 0, 0, resample);
  }

  private static Map<String, String> reasons(FeatureExtraction.Result r) {
    return r.skipped().stream()
        .collect(
            Collectors.toMap(Skipped::utteranceId, Skipped::reason, (a, b) -> a, TreeMap::new));
  }

  private List<String> featurised() throws Exception {
    return KaldiArchive.readScp(tmp.resolve("fbank/feats.scp")).stream()
        .map(KaldiArchive.ScpEntry::key)
        .toList();
  }

  @Test
  void f2MalformedFilesAreSkippedAndNamedInsteadOfAbortingTheRun() throws Exception {
    Path good = goodWav("good.wav");
    byte[] g = Files.readAllBytes(good);
    // list.wav: a LIST chunk of 0xFFFFFFF0 bytes before 'data' (StringIndexOutOfBounds before).
    ByteBuffer b = ByteBuffer.allocate(g.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(g, 0, 36).put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(0xFFFFFFF0);
    b.put("INFO".getBytes(StandardCharsets.US_ASCII)).put(g, 36, g.length - 36);
    Path list = tmp.resolve("list.wav");
    Files.write(list, b.array());
    // neg.sph: "database_id -s-5 WSJ".
    String head =
        "NIST_1A\n   1024\ndatabase_id -s-5 WSJ\nsample_rate -i 16000\nchannel_count -i 1\n"
            + "sample_n_bytes -i 2\nend_head\n";
    byte[] sph = new byte[1024 + 16000];
    java.util.Arrays.fill(sph, 0, 1024, (byte) ' ');
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, sph, 0, head.length());
    Path neg = tmp.resolve("neg.sph");
    Files.write(neg, sph);
    Path data =
        dataDir(
            new TreeMap<>(Map.of("a", good.toString(), "b", list.toString(), "c", neg.toString())));
    FeatureExtraction.Result r = run(data, options(data, false));
    assertEquals(List.of("a"), featurised());
    Map<String, String> why = reasons(r);
    assertTrue(why.get("b").startsWith(list + " (byte 36): chunk 'LIST'"), why.get("b"));
    assertTrue(
        why.get("c").startsWith(neg.toString()) && why.get("c").contains("-s-5"), why.get("c"));
    assertTrue(Files.readString(tmp.resolve("fbank/skipped.txt")).contains("list.wav (byte 36)"));
  }

  @Test
  void f2AnyExceptionFromOneUtteranceIsSkippedAndTheRunContinues() throws Exception {
    Path data =
        dataDir(
            new TreeMap<>(
                Map.of(
                    "a", goodWav("a.wav").toString(),
                    "b", goodWav("b.wav").toString(),
                    "c", goodWav("c.wav").toString(),
                    "d", goodWav("d.wav").toString())));
    // A reader with the bugs we cannot name yet: any RuntimeException or Error from one input.
    FeatureExtraction.RecordingReader reader =
        (entry, limits) ->
            switch (entry.recordingId()) {
              case "b" -> throw new ArrayIndexOutOfBoundsException("Index 7 out of bounds");
              case "c" -> throw new OutOfMemoryError("Java heap space");
              default -> AudioReader.read(entry, limits);
            };
    FeatureExtraction.Result r =
        FeatureExtraction.run(options(data, false), FeatureExtraction.Progress.none(), reader);
    assertEquals(List.of("a", "d"), featurised());
    assertEquals(2, r.extracted());
    Map<String, String> why = reasons(r);
    assertTrue(
        why.get("b").contains("b.wav: unexpected java.lang.ArrayIndexOutOfBounds"), why.get("b"));
    assertTrue(why.get("c").contains("c.wav: out of memory"), why.get("c"));
  }

  @Test
  void f1LowRateHeaderWithResamplingIsSkippedNotAmplified() throws Exception {
    Path good = goodWav("good.wav");
    byte[] b = Files.readAllBytes(good);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 1).putInt(28, 2);
    Path rate1 = tmp.resolve("rate1.wav");
    Files.write(rate1, b);
    Path data = dataDir(new TreeMap<>(Map.of("a", good.toString(), "b", rate1.toString())));
    FeatureExtraction.Result r = run(data, options(data, true));
    assertEquals(List.of("a"), featurised());
    assertTrue(reasons(r).get("b").contains("sample rate 1 Hz"), reasons(r).toString());
  }

  @Test
  void f9PipesThatHangOrNeverEndAreKilledAndSkipped() throws Exception {
    Path data =
        dataDir(
            new TreeMap<>(
                Map.of(
                    "a",
                    goodWav("a.wav").toString(),
                    "b",
                    "sleep 1000 |",
                    "c",
                    "cat /dev/zero |",
                    "d",
                    "cat " + goodWav("d.wav") + " |")));
    PipeLimits limits = new PipeLimits(Duration.ofMillis(1500), 1 << 20);
    FeatureExtraction.Result r = run(data, options(data, false).withPipeLimits(limits));
    assertEquals(List.of("a", "d"), featurised());
    Map<String, String> why = reasons(r);
    assertTrue(
        why.get("b").startsWith("wav.scp[b]: command 'sleep 1000")
            && why.get("b").contains("did not finish within 1.5 s"),
        why.get("b"));
    assertTrue(why.get("c").contains("wrote more than 1048576 bytes"), why.get("c"));
  }

  @Test
  void reasonsAreOneLineOfAtMost200Characters() {
    String r = FeatureExtraction.reason("x.wav (byte 4): a\tb\nc" + "y".repeat(500));
    assertEquals(FeatureExtraction.MAX_REASON_CHARS, r.length());
    assertTrue(r.startsWith("x.wav (byte 4): a b c") && r.endsWith("..."), r);
  }
}
