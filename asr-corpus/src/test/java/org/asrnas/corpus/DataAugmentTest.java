package org.asrnas.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.DataDirValidator;
import org.asrnas.core.data.FileAndChannel;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.WavEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataAugmentTest {
  static DataDir segmented() {
    return new DataDir(
        new TreeMap<>(Map.of("sw1-A", new WavEntry("sw1-A", "/a/sw1.sph"))),
        new TreeMap<>(Map.of("sw1-A_000100-000250", "HELLO", "sw1-A_000300-000400", "YEAH")),
        new TreeMap<>(Map.of("sw1-A_000100-000250", "sw1-A", "sw1-A_000300-000400", "sw1-A")),
        new TreeMap<>(
            Map.of(
                "sw1-A_000100-000250", new Segment("sw1-A_000100-000250", "sw1-A", 1.0, 2.5),
                "sw1-A_000300-000400", new Segment("sw1-A_000300-000400", "sw1-A", 3.0, 4.0))),
        new TreeMap<>(Map.of("sw1-A", new FileAndChannel("sw1-A", "sw1", "A"))));
  }

  @Test
  void speedCopiesUseKaldiPrefixesAndScaleSegments(@TempDir Path dir) throws Exception {
    DataDir d = segmented();
    DataDir all =
        DataAugment.combine(
            List.of(
                DataAugment.speed(d, 0.9), DataAugment.speed(d, 1.0), DataAugment.speed(d, 1.1)));
    assertEquals(6, all.utt2spk().size());
    assertEquals("sp0.9-sw1-A", all.utt2spk().get("sp0.9-sw1-A_000100-000250"));
    assertEquals("sox -R /a/sw1.sph -t wav - speed 0.9 |", all.wavScp().get("sp0.9-sw1-A").spec());
    Segment s = all.segments().get("sp1.1-sw1-A_000300-000400");
    assertEquals(3.0 / 1.1, s.startSeconds(), 1e-3, "a faster recording is shorter");
    assertEquals(4.0 / 1.1, s.endSeconds(), 1e-3);
    assertEquals("sp1.1-sw1", all.reco2FileAndChannel().get("sp1.1-sw1-A").fileName());
    assertEquals("HELLO", all.text().get("sp0.9-sw1-A_000100-000250"));
    all.write(dir);
    var report =
        DataDirValidator.validate(
            dir, DataDirValidator.Options.defaults().withCheckAudioFilesExist(false));
    assertTrue(report.isValid(), report.problems().toString());
    // A pipe entry gets sox appended to its pipeline.
    DataDir piped = DataAugment.speed(DataAugment.speed(d, 0.9), 1.1);
    assertEquals(
        "sox -R /a/sw1.sph -t wav - speed 0.9 | sox -R -t wav - -t wav - speed 1.1 |",
        piped.wavScp().get("sp1.1-sp0.9-sw1-A").spec());
  }

  @Test
  void splitIsADisjointSeededPartitionOfTheRequestedShare() {
    TreeMap<String, WavEntry> wav = new TreeMap<>();
    TreeMap<String, String> text = new TreeMap<>();
    TreeMap<String, String> utt2spk = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      String u = String.format(java.util.Locale.ROOT, "s%02d_u%04d", i % 10, i);
      wav.put(u, new WavEntry(u, "/a/" + u + ".sph"));
      text.put(u, "W" + i);
      utt2spk.put(u, u.substring(0, 3));
    }
    DataDir d = new DataDir(wav, text, utt2spk, new TreeMap<>(), new TreeMap<>());
    DataAugment.Split a = DataAugment.split(d, 0.5, 7);
    int n = a.selected().utt2spk().size();
    assertTrue(n > 430 && n < 570, "about half selected, got " + n);
    assertEquals(1000, n + a.rest().utt2spk().size());
    for (String u : a.selected().utt2spk().keySet()) {
      assertTrue(!a.rest().utt2spk().containsKey(u), u + " in both parts");
      assertEquals(text.get(u), a.selected().text().get(u));
    }
    assertEquals(a.selected().utt2spk(), DataAugment.split(d, 0.5, 7).selected().utt2spk());
    assertTrue(!a.selected().utt2spk().equals(DataAugment.split(d, 0.5, 8).selected().utt2spk()));
    assertEquals(0, DataAugment.split(d, 0.0, 7).selected().utt2spk().size());
  }

  @Test
  void noiseIsMixedAtTheRequestedSnr() {
    short[] speech = new short[16000];
    for (int i = 0; i < speech.length; i++) {
      speech[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
    }
    NoiseBank bank = NoiseBank.generate(5, 16000, 3, List.of(speech));
    assertEquals(List.of("white", "pink", "brown", "hum", "babble"), bank.types());
    for (String type : bank.types()) {
      for (double snr : new double[] {0, 10, 20}) {
        short[] mixed = bank.mix(speech, type, 12345, snr);
        double ss = 0;
        double nn = 0;
        for (int i = 0; i < speech.length; i++) {
          ss += (double) speech[i] * speech[i];
          double n = mixed[i] - speech[i];
          nn += n * n;
        }
        double measured = 10 * Math.log10(ss / nn);
        assertEquals(snr, measured, 0.05, type + " at " + snr + " dB");
      }
    }
    assertArrayEquals(
        bank.mix(speech, "pink", 7, 5),
        NoiseBank.generate(5, 16000, 3, List.of(speech)).mix(speech, "pink", 7, 5),
        "same seed, same noise");
  }

  @Test
  void pinkNoiseFallsThreeDecibelsPerOctave() {
    java.util.Random r = new java.util.Random(1);
    float[] w = new float[1 << 16];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    float[] p = NoiseBank.pink(w);
    // Power in two octave bands by Goertzel-free DFT sums: 500-1000 Hz vs 2000-4000 Hz at 16 kHz.
    double low = bandPower(p, 500, 1000);
    double high = bandPower(p, 2000, 4000);
    // Pink noise has equal power per octave: the two octave bands agree within 1.5 dB.
    assertEquals(0, 10 * Math.log10(low / high), 1.5);
  }

  private static double bandPower(float[] x, double f0, double f1) {
    int n = 4096;
    double total = 0;
    for (int k = (int) (f0 * n / 16000); k < (int) (f1 * n / 16000); k++) {
      double re = 0;
      double im = 0;
      for (int i = 0; i < n; i++) {
        double a = 2 * Math.PI * k * i / n;
        re += x[i] * Math.cos(a);
        im -= x[i] * Math.sin(a);
      }
      total += re * re + im * im;
    }
    return total;
  }

  /** F8 of the reliability review: a recording id cannot make addNoise write outside its dir. */
  @Test
  void addNoiseRejectsTraversalIdsBeforeWritingAnything(@TempDir Path dir) throws Exception {
    DataDir d =
        new DataDir(
            new TreeMap<>(Map.of("../../escaped", new WavEntry("../../escaped", "/a/x.wav"))),
            new TreeMap<>(),
            new TreeMap<>(Map.of("../../escaped", "s")),
            new TreeMap<>(),
            new TreeMap<>());
    Path audio = dir.resolve("deep/er/audio");
    java.nio.file.Files.createDirectories(audio);
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                DataAugment.addNoise(
                    d, audio, NoiseBank.generate(1, 16000, 1, List.of()), 5, 20, 1, "", 1));
    assertTrue(
        e.getMessage().contains("'../../escaped' cannot be used in file names"), e.getMessage());
    try (var s = java.nio.file.Files.walk(dir)) {
      assertTrue(s.noneMatch(p -> p.toString().endsWith(".sph")));
    }
  }
}
