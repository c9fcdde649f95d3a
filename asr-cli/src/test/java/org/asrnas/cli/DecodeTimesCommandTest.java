package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asr decode --format ctm|json}: word and unit times. */
class DecodeTimesCommandTest {
  // DecoderCommandsTest.archive: frames 0 c 0 a 0 b b 0 a 0 (p = 0.91), units a b c

  static CliRunner decode(Path dir, String... extra) {
    String[] base = {
      "decode",
      "--logprobs",
      dir.resolve("lp.ark").toString(),
      "--units",
      dir.resolve("units.txt").toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRunner.run(args);
  }

  @Test
  void ctmOfUnitsAndWordsAtTheFrameShift(@TempDir Path dir) throws Exception {
    DecoderCommandsTest.archive(dir);
    CliRunner units = decode(dir, "--decoder", "greedy", "--format", "ctm");
    assertEquals(0, units.exitCode(), units.err());
    assertEquals(
        """
        spk1-u1 1 0.01 0.01 c 0.910
        spk1-u1 1 0.03 0.01 a 0.910
        spk1-u1 1 0.05 0.02 b 0.910
        spk1-u1 1 0.08 0.01 a 0.910
        """,
        units.out());
    CliRunner words =
        decode(
            dir,
            "--lexicon",
            dir.resolve("lexicon.txt").toString(),
            "--word-score",
            "-1",
            "--format",
            "ctm",
            "--frame-shift-ms",
            "30");
    assertEquals(0, words.exitCode(), words.err());
    assertEquals("spk1-u1 1 0.03 0.18 CAB 0.910\nspk1-u1 1 0.24 0.03 A 0.910\n", words.out());
  }

  @Test
  void ctmWithSegmentsIsRelativeToTheRecording(@TempDir Path dir) throws Exception {
    DecoderCommandsTest.archive(dir);
    FloatMatrix m = KaldiArchive.readAll(dir.resolve("lp.ark")).get("spk1-u1");
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(dir.resolve("lp.ark"))) {
      w.write("spk1-u1", m);
      w.write("spk1-u2", m);
    }
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("wav.scp"), "rec1 rec1.wav\nrec2 rec2.wav\n");
    Files.writeString(data.resolve("utt2spk"), "spk1-u1 spk1\nspk1-u2 spk1\n");
    Files.writeString(data.resolve("spk2utt"), "spk1 spk1-u1 spk1-u2\n");
    Files.writeString(data.resolve("segments"), "spk1-u1 rec2 12.5 13.0\nspk1-u2 rec1 1.0 2.0\n");
    CliRunner noChannels =
        decode(dir, "--decoder", "greedy", "--format", "ctm", "--data", data.toString());
    assertEquals(0, noChannels.exitCode(), noChannels.err());
    assertTrue(noChannels.out().startsWith("rec1 1 1.01 0.01 c 0.910\n"), noChannels.out());
    assertTrue(noChannels.out().contains("rec2 1 12.51 0.01 c 0.910\n"), noChannels.out());
    Files.writeString(data.resolve("reco2file_and_channel"), "rec1 sw01 A\nrec2 sw01 B\n");
    CliRunner r =
        decode(
            dir,
            "--lexicon",
            dir.resolve("lexicon.txt").toString(),
            "--word-score",
            "-1",
            "--format",
            "ctm",
            "--data",
            data.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        """
        sw01 A 1.01 0.06 CAB 0.910
        sw01 A 1.08 0.01 A 0.910
        sw01 B 12.51 0.06 CAB 0.910
        sw01 B 12.58 0.01 A 0.910
        """,
        r.out());
    Files.writeString(data.resolve("wav.scp"), "rec2 rec2.wav\n");
    Files.writeString(data.resolve("reco2file_and_channel"), "rec2 sw01 B\n");
    Files.writeString(data.resolve("segments"), "spk1-u1 rec2 12.5 13.0\n");
    Files.writeString(data.resolve("utt2spk"), "spk1-u1 spk1\n");
    Files.writeString(data.resolve("spk2utt"), "spk1 spk1-u1\n");
    CliRunner missing =
        decode(dir, "--decoder", "greedy", "--format", "ctm", "--data", data.toString());
    assertEquals(1, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("segments"), missing.err());
    assertTrue(missing.err().contains("has no utterance spk1-u2"), missing.err());
    CliRunner unused = decode(dir, "--decoder", "greedy", "--data", data.toString());
    assertEquals(2, unused.exitCode(), unused.err());
    assertTrue(unused.err().contains("only gives --format ctm its segments"), unused.err());
  }

  @Test
  void jsonCarriesWordAndUnitTimes(@TempDir Path dir) throws Exception {
    DecoderCommandsTest.archive(dir);
    CliRunner r =
        decode(
            dir,
            "--lexicon",
            dir.resolve("lexicon.txt").toString(),
            "--word-score",
            "-1",
            "--format",
            "json",
            "--nbest",
            "2");
    assertEquals(0, r.exitCode(), r.err());
    JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
    assertEquals("CAB A", o.get("text").getAsString());
    assertEquals(10, o.get("frames").getAsInt());
    JsonArray words = o.getAsJsonArray("words");
    assertEquals(2, words.size());
    JsonObject cab = words.get(0).getAsJsonObject();
    assertEquals("CAB", cab.get("word").getAsString());
    assertEquals(0.01, cab.get("start").getAsDouble(), 1e-9);
    assertEquals(0.07, cab.get("end").getAsDouble(), 1e-9);
    assertEquals(0.91, cab.get("conf").getAsDouble(), 1e-9);
    assertEquals(4, o.getAsJsonArray("units").size(), "the pronunciations' units");
    assertEquals("c", o.getAsJsonArray("units").get(0).getAsJsonObject().get("unit").getAsString());
    JsonArray nbest = o.getAsJsonArray("nbest");
    assertEquals(2, nbest.size());
    assertEquals(2, nbest.get(0).getAsJsonObject().getAsJsonArray("words").size());
    CliRunner greedy = decode(dir, "--decoder", "greedy", "--format", "json");
    JsonObject g = JsonParser.parseString(greedy.out().strip()).getAsJsonObject();
    assertEquals("c a b a", g.get("text").getAsString());
    assertTrue(!g.has("words"), "no words from the greedy decoder");
    assertEquals(
        0.05, g.getAsJsonArray("units").get(2).getAsJsonObject().get("start").getAsDouble(), 1e-9);
  }
}
