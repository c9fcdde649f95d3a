package org.asrnas.nas.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.ReceptiveField;
import org.junit.jupiter.api.Test;

class ChunkedInferenceTest {
  /** TDNN (with dilations and a stride-3 layer), sepconv, conv2d and identity networks. */
  private static final List<String> NETWORKS =
      List.of(
          "{\"input_dim\": 6, \"units\": 5, \"width\": 8, \"blocks\": [{\"op\": \"tdnn-C2D2\"},"
              + " {\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D3\"}],"
              + " \"fixed\": [{\"after\": 1, \"op\": \"tdnn-C1D1S3\"}]}",
          "{\"input_dim\": 4, \"units\": 7, \"width\": 8, \"blocks\": [{\"op\": \"conv2d-K3C2\"},"
              + " {\"op\": \"sepconv-K5\"}, {\"op\": \"identity\"}, {\"op\": \"tdnn-C2D1S2\"},"
              + " {\"op\": \"tdnn-C1D2\"}]}",
          "{\"input_dim\": 5, \"units\": 4, \"width\": 6, \"blocks\": [{\"op\": \"tdnn-C0D1S2\"},"
              + " {\"op\": \"tdnn-C3D1\"}, {\"op\": \"zero\"}, {\"op\": \"tdnn-C1D1S2\"}]}");

  @Test
  void receptiveFieldComposesPaddingTimesTheStridesBelow() {
    ArchitectureSpec spec = ArchitectureSpec.parse(NETWORKS.get(0));
    // order C2D2, C1D1S3 (after node 1 = before node 1), C1D1, C1D3: 4 + 1 + 1 * 3 + 3 * 3
    assertEquals(new ReceptiveField(4 + 1 + 3 + 9, 4 + 1 + 3 + 9, 3), spec.receptiveField().get());
    ArchitectureSpec two = ArchitectureSpec.parse(NETWORKS.get(1));
    // conv2d K3: 1, sepconv K5: 2, identity 0, C2D1S2: 2, C1D2 above stride 2: 2 * 2
    assertEquals(new ReceptiveField(9, 9, 2), two.receptiveField().get());
  }

  @Test
  void receptiveFieldBoundsWhatAnOutputFrameReads() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (String json : NETWORKS) {
        ArchitectureSpec spec = ArchitectureSpec.parse(json);
        ReceptiveField rf = spec.receptiveField().get();
        AcousticModel model = AcousticModel.create(spec, m, 3);
        int frames = 90;
        FloatMatrix x = random(frames, spec.inputDim(), new Random(5));
        FloatMatrix base = ChunkedInference.wholeUtterance(model, m, x);
        int t = 10;
        int s = rf.subsampling();
        for (int j = 0; j < frames; j++) {
          float[] d = x.data().clone();
          for (int c = 0; c < spec.inputDim(); c++) {
            d[j * spec.inputDim() + c] += 5f;
          }
          FloatMatrix y =
              ChunkedInference.wholeUtterance(
                  model, m, new FloatMatrix(frames, spec.inputDim(), d));
          boolean changed = rowDiff(base, y, t) > 1e-6;
          boolean inside = j >= t * s - rf.left() && j <= t * s + rf.right();
          if (!inside) {
            assertFalse(changed, json + ": frame " + j + " changed output " + t);
          }
          // a zero op cuts off what is below it, so the field is then only an upper bound
          boolean tight = !json.contains("zero");
          if (tight && (j == t * s - rf.left() || j == t * s + rf.right())) {
            assertTrue(changed, json + ": edge frame " + j + " did not change output " + t);
          }
        }
      }
    }
  }

  @Test
  void chunkedOutputEqualsWholeUtterance() {
    Random rng = new Random(11);
    try (NDManager m = NDManager.newBaseManager()) {
      for (String json : NETWORKS) {
        ArchitectureSpec spec = ArchitectureSpec.parse(json);
        AcousticModel model = AcousticModel.create(spec, m, 7);
        int s = spec.subsampling();
        for (int frames : new int[] {1, 2, 3, 5, 8, 13, 29, 100, 257, 1001}) {
          FloatMatrix x = random(frames, spec.inputDim(), rng);
          FloatMatrix whole = ChunkedInference.wholeUtterance(model, m, x);
          assertEquals(spec.outputLength(frames), whole.rows());
          for (int chunk : new int[] {1, s, 7, 64, 4096}) {
            if (chunk <= s && frames > 120) {
              continue; // one output frame per window: slow, and the short inputs cover it
            }
            ChunkedInference ci = ChunkedInference.create(model, m, chunk);
            FloatMatrix got = feedInPieces(ci, x, rng);
            assertEquals(whole.rows(), got.rows(), json + " T=" + frames + " chunk=" + chunk);
            double diff = maxAbsDiff(whole, got);
            assertTrue(diff <= 1e-4, json + " T=" + frames + " chunk=" + chunk + ": " + diff);
          }
        }
      }
    }
  }

  @Test
  void anInstanceIsReusableAndItsBufferStaysBounded() {
    Random rng = new Random(2);
    try (NDManager m = NDManager.newBaseManager()) {
      ArchitectureSpec spec = ArchitectureSpec.parse(NETWORKS.get(0));
      AcousticModel model = AcousticModel.create(spec, m, 1);
      ChunkedInference ci = ChunkedInference.create(model, m, 30);
      ReceptiveField rf = ci.receptiveField();
      int maxBuffered = 0;
      int out = 0;
      for (int i = 0; i < 200; i++) {
        out += ci.accept(random(17, spec.inputDim(), rng)).rows();
        maxBuffered = Math.max(maxBuffered, ci.bufferedFrames());
      }
      out += ci.finish().rows();
      assertEquals(spec.outputLength(200 * 17), out);
      // one window (chunk + context, rounded to the subsampling) plus one piece of input
      assertTrue(
          maxBuffered <= 30 + rf.left() + rf.right() + 2 * rf.subsampling() + 17, "" + maxBuffered);
      FloatMatrix x = random(40, spec.inputDim(), rng);
      FloatMatrix again = feedInPieces(ci, x, rng);
      assertTrue(maxAbsDiff(ChunkedInference.wholeUtterance(model, m, x), again) <= 1e-4);
    }
  }

  @Test
  void blstmNetworksAreRefusedWithTheReason() {
    try (NDManager m = NDManager.newBaseManager()) {
      ArchitectureSpec spec =
          ArchitectureSpec.parse(
              "{\"input_dim\": 4, \"units\": 5, \"width\": 8, \"blocks\": [{\"op\":"
                  + " \"tdnn-C1D1\"}, {\"op\": \"blstm-H4\"}]}");
      assertTrue(spec.receptiveField().isEmpty());
      AcousticModel model = AcousticModel.create(spec, m, 1);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ChunkedInference.create(model, m, 64));
      assertTrue(e.getMessage().contains("blstm-H4"), e.getMessage());
      assertTrue(e.getMessage().contains("whole utterances"), e.getMessage());
      FloatMatrix bad = random(3, 5, new Random(1));
      ChunkedInference ok =
          ChunkedInference.create(
              AcousticModel.create(ArchitectureSpec.parse(NETWORKS.get(0)), m, 1), m, 8);
      assertThrows(IllegalArgumentException.class, () -> ok.accept(bad));
    }
  }

  /** Feeds x in random pieces (some empty), then finishes; returns the concatenated output. */
  private static FloatMatrix feedInPieces(ChunkedInference ci, FloatMatrix x, Random rng) {
    int cols = x.cols();
    java.util.List<FloatMatrix> parts = new java.util.ArrayList<>();
    int at = 0;
    while (at < x.rows()) {
      int n = Math.min(x.rows() - at, rng.nextInt(40));
      float[] piece = java.util.Arrays.copyOfRange(x.data(), at * cols, (at + n) * cols);
      at += n;
      parts.add(ci.accept(new FloatMatrix(n, cols, piece)));
    }
    parts.add(ci.finish());
    assertEquals(0, ci.bufferedFrames());
    int rows = parts.stream().mapToInt(FloatMatrix::rows).sum();
    int units = parts.get(parts.size() - 1).cols();
    float[] d = new float[rows * units];
    int o = 0;
    for (FloatMatrix p : parts) {
      System.arraycopy(p.data(), 0, d, o, p.data().length);
      o += p.data().length;
    }
    return new FloatMatrix(rows, units, d);
  }

  private static FloatMatrix random(int rows, int cols, Random rng) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) rng.nextGaussian();
    }
    return new FloatMatrix(rows, cols, d);
  }

  private static double rowDiff(FloatMatrix a, FloatMatrix b, int row) {
    double max = 0;
    for (int c = 0; c < a.cols(); c++) {
      max = Math.max(max, Math.abs(a.data()[row * a.cols() + c] - b.data()[row * b.cols() + c]));
    }
    return max;
  }

  private static double maxAbsDiff(FloatMatrix a, FloatMatrix b) {
    assertEquals(a.rows(), b.rows());
    double max = 0;
    for (int i = 0; i < a.data().length; i++) {
      max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
    }
    return max;
  }
}
