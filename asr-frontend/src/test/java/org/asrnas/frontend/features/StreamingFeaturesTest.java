package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.junit.jupiter.api.Test;

/** The streaming stages against their whole-utterance counterparts. */
class StreamingFeaturesTest {

  static float[] noisyTone(int n, Random rng) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.rint(6000 * Math.sin(0.07 * i) + 800 * rng.nextGaussian());
    }
    return x;
  }

  static FloatMatrix randomFrames(int rows, int cols, Random rng) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rng.nextGaussian() * 3 + (i % cols));
    }
    return new FloatMatrix(rows, cols, d);
  }

  static FloatMatrix concat(List<FloatMatrix> parts, int cols) {
    int rows = parts.stream().mapToInt(FloatMatrix::rows).sum();
    float[] d = new float[rows * cols];
    int o = 0;
    for (FloatMatrix p : parts) {
      assertEquals(cols, p.cols());
      System.arraycopy(p.data(), 0, d, o, p.data().length);
      o += p.data().length;
    }
    return new FloatMatrix(rows, cols, d);
  }

  /** Row blocks of random sizes (some empty). */
  static List<FloatMatrix> pieces(FloatMatrix m, Random rng, int maxRows) {
    List<FloatMatrix> out = new ArrayList<>();
    int at = 0;
    while (at < m.rows()) {
      int n = Math.min(m.rows() - at, rng.nextInt(maxRows + 1));
      out.add(
          new FloatMatrix(
              n,
              m.cols(),
              java.util.Arrays.copyOfRange(m.data(), at * m.cols(), (at + n) * m.cols())));
      at += n;
    }
    return out;
  }

  @Test
  void streamingFbankIsBitForBitTheWholeSignalFbank() {
    Random rng = new Random(3);
    List<FbankConfig> configs =
        List.of(
            FbankConfig.defaults().withDither(0),
            FbankConfig.defaults().withDither(0).withSnipEdges(false),
            FbankConfig.defaults().withSnipEdges(false).withUseEnergy(true),
            FbankConfig.defaults().withSampleFrequency(8000).withNumMelBins(23).withDither(0));
    for (FbankConfig c : configs) {
      Fbank fbank = new Fbank(c);
      StreamingFbank stream = new StreamingFbank(fbank, 42);
      for (int n : new int[] {0, 1, 79, 199, 399, 400, 401, 560, 3217, 16037}) {
        float[] x = noisyTone(n, rng);
        FloatMatrix whole = fbank.compute(x, 42);
        List<FloatMatrix> parts = new ArrayList<>();
        int at = 0;
        while (at < n) {
          int len = Math.min(n - at, rng.nextInt(700));
          parts.add(stream.accept(x, at, len));
          at += len;
          assertTrue(
              stream.bufferedSamples() <= c.windowSize() + 700, "" + stream.bufferedSamples());
        }
        parts.add(stream.finish());
        FloatMatrix got = concat(parts, fbank.dim());
        assertEquals(whole.rows(), got.rows(), c + " n=" + n);
        assertArrayEquals(whole.data(), got.data(), c + " n=" + n);
      }
    }
  }

  @Test
  void snipEdgesFramesComeAsSoonAsTheirWindowArrives() {
    Fbank fbank = new Fbank(FbankConfig.defaults().withDither(0));
    StreamingFbank stream = new StreamingFbank(fbank, 0);
    assertEquals(0, stream.accept(new float[399]).rows());
    assertEquals(1, stream.accept(new float[1]).rows());
    assertEquals(1, stream.accept(new float[160]).rows());
    assertEquals(0, stream.finish().rows());
    // without snipEdges the last frames need the length: round(N / 160) frames in all
    StreamingFbank centred =
        new StreamingFbank(new Fbank(FbankConfig.defaults().withDither(0).withSnipEdges(false)), 0);
    int early = centred.accept(new float[1000]).rows();
    assertEquals(6, early + centred.finish().rows());
  }

  @Test
  void streamingDeltasEqualAddDeltasOnTheWholeUtterance() {
    Random rng = new Random(8);
    for (int order = 0; order <= 2; order++) {
      for (int window = 1; window <= 3; window++) {
        StreamingDeltas sd = new StreamingDeltas(4, order, window);
        for (int t : new int[] {0, 1, 2, 3, 5, 9, 13, 50, 211}) {
          FloatMatrix x = randomFrames(t, 4, rng);
          List<FloatMatrix> parts = new ArrayList<>();
          for (FloatMatrix p : pieces(x, rng, 7)) {
            parts.add(sd.accept(p));
          }
          parts.add(sd.finish());
          FloatMatrix whole = Deltas.compute(x, order, window);
          FloatMatrix got = concat(parts, sd.outputDim());
          assertEquals(whole.rows(), got.rows());
          assertArrayEquals(
              whole.data(), got.data(), "order " + order + " W " + window + " T " + t);
        }
      }
    }
    assertEquals(4, new StreamingDeltas(40, 2, 2).latencyFrames());
  }

  @Test
  void slidingCmvnMatchesTorchaudioSlidingWindowCmn() throws IOException {
    float[] in = floats("sliding.in.f32");
    FloatMatrix x = new FloatMatrix(137, 3, in);
    for (int window : new int[] {40, 137, 600}) {
      for (boolean normVars : new boolean[] {false, true}) {
        double[] want =
            doubles("sliding_W" + window + "_" + (normVars ? "meanvar" : "mean") + ".out.f64");
        FloatMatrix got = SlidingCmvn.apply(x, window, normVars);
        assertEquals(want.length, got.data().length);
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], got.data()[i], 2e-5, "W=" + window + " normVars=" + normVars);
        }
      }
    }
  }

  @Test
  void slidingCmvnOfAShortUtteranceIsPerUtteranceCmvn() {
    Random rng = new Random(4);
    for (boolean normVars : new boolean[] {false, true}) {
      FloatMatrix x = randomFrames(250, 5, rng);
      FloatMatrix want = Cmvn.apply(x, Cmvn.of(x), normVars);
      FloatMatrix got = SlidingCmvn.apply(x, 600, normVars);
      for (int i = 0; i < want.data().length; i++) {
        assertEquals(want.data()[i], got.data()[i], 1e-5);
      }
    }
  }

  @Test
  void slidingCmvnInPiecesEqualsTheWholeMatrixAndHoldsOneWindow() {
    Random rng = new Random(6);
    for (int window : new int[] {1, 2, 9, 60}) {
      for (boolean normVars : new boolean[] {false, true}) {
        SlidingCmvn c = new SlidingCmvn(3, window, normVars);
        for (int t : new int[] {0, 1, 5, 59, 60, 61, 333}) {
          FloatMatrix x = randomFrames(t, 3, rng);
          List<FloatMatrix> parts = new ArrayList<>();
          int maxBuffered = 0;
          for (FloatMatrix p : pieces(x, rng, 11)) {
            parts.add(c.accept(p));
            maxBuffered = Math.max(maxBuffered, c.bufferedFrames());
          }
          parts.add(c.finish());
          FloatMatrix got = concat(parts, 3);
          FloatMatrix want = SlidingCmvn.apply(x, window, normVars);
          assertEquals(t, got.rows());
          for (int i = 0; i < want.data().length; i++) {
            assertEquals(want.data()[i], got.data()[i], 1e-5, "W=" + window + " T=" + t);
          }
          assertTrue(maxBuffered <= window + 11 + 1, "buffered " + maxBuffered);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new SlidingCmvn(3, 0, false));
  }

  private static float[] floats(String name) throws IOException {
    ByteBuffer b = resource(name);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  private static double[] doubles(String name) throws IOException {
    ByteBuffer b = resource(name);
    double[] out = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(out);
    return out;
  }

  private static ByteBuffer resource(String name) throws IOException {
    try (InputStream in = StreamingFeaturesTest.class.getResourceAsStream("/golden/cmvn/" + name)) {
      assertTrue(
          in != null,
          "missing golden " + name + "; run scripts/golden/make_sliding_cmvn_goldens.py");
      return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
