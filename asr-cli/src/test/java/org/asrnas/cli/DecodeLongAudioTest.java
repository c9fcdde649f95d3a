package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.asrnas.core.text.Units;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.train.ModelFile;
import org.asrnas.nas.train.TrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asr decode --model --long}: which files take the long-audio path, and its output (segments
 * in order, CTM and JSON times in the file). The model is randomly initialised (its words are
 * arbitrary; the test checks where they are, not what they are): two bursts of tones 0.1 s of noise
 * either side, 1.5 s of noise between them.
 */
class DecodeLongAudioTest {
  static final int RATE = 16000;
  @TempDir static Path tmp;
  static Path model;
  static Path lexicon;
  static Path twoPieces;
  static double[][] pieces;

  @BeforeAll
  static void setUp() throws Exception {
    Path units = tmp.resolve("units.txt");
    Files.write(units, List.of("<blk> 0", "H 1", "L 2"));
    lexicon = tmp.resolve("lexicon.txt");
    Files.write(lexicon, List.of("HIGH H", "LOW L"));
    ArchitectureSpec spec =
        ArchitectureSpec.parse(
                "{\"input_dim\": 120, \"units\": 0, \"width\": 16, \"dropout\": 0.0,"
                    + " \"blocks\": [{\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D1S3\"}]}")
            .withUnits(3);
    model = tmp.resolve("random.model");
    try (NDManager m = NDManager.newBaseManager()) {
      ModelFile.write(
          model,
          AcousticModel.create(spec, m, 7),
          TrainConfig.defaults(),
          Units.read(units),
          Optional.of(FbankConfig.defaults()));
    }
    Random random = new Random(3);
    short[] a = tones(6, random);
    short[] b = tones(4, random);
    short[] lead = noise(RATE / 2, random);
    short[] pause = noise(3 * RATE / 2, random);
    short[] all = concat(lead, a, pause, b, noise(RATE / 2, random));
    double a0 = lead.length / (double) RATE;
    double b0 = (lead.length + a.length + pause.length) / (double) RATE;
    pieces = new double[][] {{a0, a0 + a.length / (double) RATE}, {b0, b0 + b.length / 16000.0}};
    twoPieces = tmp.resolve("two.wav");
    Files.write(twoPieces, wav(all));
  }

  @Test
  void jsonListsOneSegmentPerPieceWithWordTimesInTheFile() throws Exception {
    CliRunner r = decode("--long", "always", "--format", "json", twoPieces.toString());
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertEquals(1, lines.length, "one object per file: " + r.out());
    JsonObject o = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals("two", o.get("utt").getAsString());
    JsonArray segments = o.getAsJsonArray("segments");
    assertEquals(2, segments.size(), r.out());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      JsonObject s = segments.get(i).getAsJsonObject();
      double start = s.get("start").getAsDouble();
      double end = s.get("end").getAsDouble();
      assertEquals(pieces[i][0], start, 0.1, "segment " + i);
      assertEquals(pieces[i][1], end, 0.1, "segment " + i);
      JsonArray words = s.getAsJsonArray("words");
      for (JsonElement w : words) {
        JsonObject wo = w.getAsJsonObject();
        assertTrue(wo.get("start").getAsDouble() >= start - 0.03, wo + " in " + s);
        assertTrue(wo.get("end").getAsDouble() <= end + 0.03, wo + " in " + s);
      }
      if (!s.get("text").getAsString().isEmpty()) {
        text.append(text.length() == 0 ? "" : " ").append(s.get("text").getAsString());
      }
    }
    assertEquals(text.toString(), o.get("text").getAsString());
    assertTrue(r.err().contains("two: long audio, 2 speech segments"), r.err());
  }

  @Test
  void ctmTimesOfTheLongPathLieInsideTheirPiece() throws Exception {
    CliRunner r = decode("--long", "always", "--format", "ctm", twoPieces.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().strip().lines().toList();
    assertFalse(lines.isEmpty(), "the random model emits some words: " + r.err());
    boolean[] seen = new boolean[2];
    for (String l : lines) {
      String[] f = l.split(" ");
      assertEquals("two", f[0], l);
      double start = Double.parseDouble(f[2]);
      double end = start + Double.parseDouble(f[3]);
      int piece = start < pieces[1][0] - 0.2 ? 0 : 1;
      seen[piece] = true;
      assertTrue(
          start >= pieces[piece][0] - 0.05 && end <= pieces[piece][1] + 0.05,
          l + " outside " + java.util.Arrays.toString(pieces[piece]));
    }
    assertTrue(seen[0] && seen[1], "words in both pieces: " + r.out());
  }

  @Test
  void textIsOneLineOfTheSegmentsWordsAndAutoKeepsShortFilesAsBefore() throws Exception {
    CliRunner longPath = decode("--long", "always", twoPieces.toString());
    assertEquals(0, longPath.exitCode(), longPath.err());
    assertEquals(1, longPath.out().strip().lines().count(), longPath.out());
    assertTrue(longPath.out().startsWith("two"), longPath.out());
    // a 4.8 s file is short: auto decodes it whole, exactly as --long never
    CliRunner auto = decode("--format", "json", twoPieces.toString());
    CliRunner never = decode("--long", "never", "--format", "json", twoPieces.toString());
    assertEquals(0, auto.exitCode(), auto.err());
    assertEquals(never.out(), auto.out());
    assertFalse(auto.err().contains("long audio"), auto.err());
    assertFalse(auto.out().contains("segments"), auto.out());
  }

  @Test
  void autoTakesTheLongPathForFilesLongerThanTheLongestSegment() throws Exception {
    Random random = new Random(9);
    short[] piece = concat(tones(6, random), noise(RATE, random));
    short[][] parts = new short[10][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = piece;
    }
    short[] all = concat(parts);
    assertTrue(all.length > 30 * RATE, "longer than 30 s");
    Path f = tmp.resolve("long.wav");
    Files.write(f, wav(all));
    CliRunner r = decode("--format", "json", f.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
    assertEquals(10, o.getAsJsonArray("segments").size(), r.out());
    assertTrue(r.err().contains("long: long audio, 10 speech segments"), r.err());
  }

  @Test
  void badFilesOnTheLongPathAreNamedAndSkipped() throws Exception {
    Path cut = tmp.resolve("cut.wav");
    byte[] b = Files.readAllBytes(twoPieces);
    Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
    Path empty = tmp.resolve("empty.wav");
    Files.write(empty, wav(new short[0]));
    CliRunner r =
        decode("--long", "always", cut.toString(), empty.toString(), twoPieces.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("skipped cut: " + cut) && r.err().contains("truncated"), r.err());
    assertTrue(r.err().contains("skipped empty: " + empty) && r.err().contains("empty"), r.err());
    assertTrue(r.out().startsWith("two"), r.out());
  }

  @Test
  void longAlwaysNeedsAudioFilesDecodedInMemory() throws Exception {
    CliRunner r =
        CliRunner.run(
            "decode",
            "--model",
            model.toString(),
            "--long",
            "always",
            "--work-dir",
            tmp.resolve("work").toString(),
            twoPieces.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--long always works on audio FILEs"), r.err());
  }

  private static CliRunner decode(String... args) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of("decode", "--model", model.toString(), "--lexicon", lexicon.toString()));
    all.addAll(List.of(args));
    return CliRunner.run(all.toArray(String[]::new));
  }

  /** {@code n} tones of 0.3 s (300 or 1500 Hz) after 0.1 s of noise each, 0.1 s of noise after. */
  static short[] tones(int n, Random random) {
    short[][] parts = new short[2 * n + 1][];
    for (int w = 0; w < n; w++) {
      parts[2 * w] = noise(RATE / 10, random);
      double hz = random.nextBoolean() ? 1500 : 300;
      short[] t = new short[RATE * 3 / 10];
      for (int i = 0; i < t.length; i++) {
        t[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / RATE) + random.nextGaussian() * 30);
      }
      parts[2 * w + 1] = t;
    }
    parts[2 * n] = noise(RATE / 10, random);
    return concat(parts);
  }

  static short[] noise(int n, Random random) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (random.nextGaussian() * 30);
    }
    return s;
  }

  static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static byte[] wav(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(RATE).putInt(2 * RATE).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
    for (short v : samples) {
      b.putShort(v);
    }
    return b.array();
  }
}
