package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.audio.Audio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FbankTest {
  @TempDir Path dir;

  static float[] tone(int n, double hz, int rate) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  @Test
  void defaultsAreKaldisWith40Bins() {
    FbankConfig c = FbankConfig.defaults();
    assertEquals(40, c.numMelBins());
    assertEquals(1.0, c.dither());
    assertEquals(400, c.windowSize());
    assertEquals(160, c.windowShift());
    assertEquals(512, c.paddedWindowSize());
    // docs/design.md: frames = 1 + (N - 400) / 160 at 16 kHz with snip-edges
    assertEquals(1 + (16000 - 400) / 160, c.numFrames(16000));
    assertEquals(0, c.numFrames(399));
    assertEquals(100, c.withSnipEdges(false).numFrames(16000));
  }

  @Test
  void ditherIsSeededAndZeroDitherIsDeterministic() {
    float[] x = tone(4000, 440, 16000);
    Fbank f = new Fbank(FbankConfig.defaults());
    assertEquals(f.compute(x, 7), f.compute(x, 7));
    assertNotEquals(f.compute(x, 7), f.compute(x, 8));
    Fbank nod = new Fbank(FbankConfig.defaults().withDither(0));
    assertEquals(nod.compute(x, 7), nod.compute(x, 8));
  }

  @Test
  void toneLandsInTheRightMelBin() {
    FbankConfig c = FbankConfig.defaults().withDither(0);
    FloatMatrix m = new Fbank(c).compute(tone(8000, 1000, 16000), 0);
    int best = 0;
    for (int b = 1; b < 40; b++) {
      if (m.get(10, b) > m.get(10, best)) {
        best = b;
      }
    }
    // The bin whose centre is nearest mel(1000 Hz).
    double melLow = Fbank.mel(20);
    double delta = (Fbank.mel(8000) - melLow) / 41;
    int expected = (int) Math.round((Fbank.mel(1000) - melLow) / delta) - 1;
    assertTrue(Math.abs(best - expected) <= 1, best + " vs " + expected);
  }

  @Test
  void rejectsWrongRateAndTooManyBins() {
    Fbank f = new Fbank(FbankConfig.defaults());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> f.compute(Audio.mono(8000, new float[800]), 0));
    assertTrue(e.getMessage().contains("resample"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Fbank(FbankConfig.defaults().withSampleFrequency(8000).withNumMelBins(200)));
  }

  @Test
  void jsonConfigRejectsUnknownKeysNamingKeyAndFile() throws Exception {
    Path f = dir.resolve("fbank.json");
    Files.writeString(
        f,
        "{\"numMelBins\": 80, \"windowType\": \"hamming\", \"useLog\": true, \"snipEdges\": false}");
    FbankConfig c = FbankConfig.read(f);
    assertEquals(80, c.numMelBins());
    assertEquals(WindowType.HAMMING, c.windowType());
    assertEquals(false, c.snipEdges());
    assertEquals(FbankConfig.defaults().dither(), c.dither());
    assertEquals(c, FbankConfig.fromJson(c.toJsonObject(), f));
    Files.writeString(f, "{\"numMelBinz\": 80}");
    AsrInputException e = assertThrows(AsrInputException.class, () -> FbankConfig.read(f));
    assertTrue(
        e.getMessage().contains("numMelBinz") && e.getMessage().contains(f.toString()),
        e.getMessage());
    Files.writeString(f, "{\"snipEdges\": \"yes\"}");
    e = assertThrows(AsrInputException.class, () -> FbankConfig.read(f));
    assertTrue(
        e.getMessage().contains("snipEdges") && e.getMessage().contains("boolean"), e.getMessage());
    Files.writeString(f, "{\"windowType\": \"kaiser\"}");
    e = assertThrows(AsrInputException.class, () -> FbankConfig.read(f));
    assertTrue(e.getMessage().contains("kaiser"), e.getMessage());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {4, 8, 16, 32, 64, 128, 256, 512, 1024})
  void fftMatchesNaiveDft(int n) {
    double[] x = new double[n];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    double[] out = new double[n / 2 + 1];
    new RealFft(n).powerSpectrum(x.clone(), new double[n / 2], new double[n / 2], out, true);
    for (int k = 0; k <= n / 2; k++) {
      double re = 0;
      double im = 0;
      for (int t = 0; t < n; t++) {
        re += x[t] * Math.cos(2 * Math.PI * k * t / n);
        im -= x[t] * Math.sin(2 * Math.PI * k * t / n);
      }
      assertEquals(re * re + im * im, out[k], 1e-9 * n);
    }
  }

  @Test
  void fastLogAgreesWithMathLog() {
    java.util.Random r = new java.util.Random(4);
    for (int i = 0; i < 100000; i++) {
      double x = Math.exp(r.nextDouble() * 80 - 17); // FLT_EPSILON .. 1e27
      assertEquals(Math.log(x), Fbank.log(x), 1e-10 * Math.max(1, Math.abs(Math.log(x))));
    }
    assertEquals(Math.log(Fbank.EPSILON), Fbank.log(Fbank.EPSILON), 1e-12);
    assertEquals(0, Fbank.log(1.0), 0);
  }
}
