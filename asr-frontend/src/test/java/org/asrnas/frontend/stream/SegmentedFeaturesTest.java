package org.asrnas.frontend.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.endpoint.Endpointer;
import org.asrnas.frontend.endpoint.EndpointerConfig;
import org.asrnas.frontend.endpoint.SpeechSegment;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.Deltas;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.frontend.features.SlidingCmvn;
import org.junit.jupiter.api.Test;

class SegmentedFeaturesTest {
  static final FbankConfig FBANK = FbankConfig.defaults().withDither(0);

  /** Quiet noise with bursts of modulated tones at [start, end) seconds. */
  static float[] bursts(double seconds, double[][] spans, long seed) {
    Random rng = new Random(seed);
    float[] x = new float[(int) (seconds * 16000)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (20 * rng.nextGaussian());
    }
    for (int k = 0; k < spans.length; k++) {
      double hz = 200 + 150 * k;
      for (int i = (int) (spans[k][0] * 16000); i < (int) (spans[k][1] * 16000); i++) {
        double t = i / 16000.0;
        x[i] +=
            (float)
                ((3000 + 2000 * Math.sin(2 * Math.PI * 3 * t)) * Math.sin(2 * Math.PI * hz * t));
      }
    }
    return x;
  }

  static final double[][] SPANS = {{0.3, 2.1}, {2.8, 6.9}, {7.6, 8.2}, {9.0, 13.5}};

  /** The same features from whole matrices: CMVN over the concatenated segment frames. */
  static List<FloatMatrix> reference(
      float[] x, List<SpeechSegment> segs, StreamingFrontEnd.Options o) {
    FloatMatrix all = new Fbank(FBANK).compute(x, 0);
    List<int[]> ranges = new ArrayList<>();
    int total = 0;
    for (SpeechSegment s : segs) {
      int[] f = s.frames(160, 200);
      f[1] = Math.min(f[1], all.rows());
      ranges.add(f);
      total += f[1] - f[0];
    }
    float[] cat = new float[total * 40];
    int o2 = 0;
    for (int[] f : ranges) {
      System.arraycopy(all.data(), f[0] * 40, cat, o2, (f[1] - f[0]) * 40);
      o2 += (f[1] - f[0]) * 40;
    }
    FloatMatrix norm =
        SlidingCmvn.apply(new FloatMatrix(total, 40, cat), o.cmvnWindowFrames(), o.normVars());
    List<FloatMatrix> out = new ArrayList<>();
    int at = 0;
    for (int[] f : ranges) {
      int n = f[1] - f[0];
      float[] d = java.util.Arrays.copyOfRange(norm.data(), at * 40, (at + n) * 40);
      at += n;
      out.add(Deltas.compute(new FloatMatrix(n, 40, d), o.deltaOrder(), o.deltaWindow()));
    }
    return out;
  }

  static List<SegmentedFeatures.Segment> stream(float[] x, StreamingFrontEnd.Options o, long seed) {
    SegmentedFeatures sf = new SegmentedFeatures(FBANK, EndpointerConfig.defaults(), o);
    Random rng = new Random(seed);
    List<SegmentedFeatures.Segment> got = new ArrayList<>();
    int at = 0;
    int maxHeld = 0;
    while (at < x.length) {
      int n = Math.min(x.length - at, rng.nextInt(4000));
      got.addAll(sf.accept(x, at, n));
      at += n;
      maxHeld = Math.max(maxHeld, sf.bufferedFrames());
    }
    got.addAll(sf.finish());
    assertTrue(maxHeld < 3600 + o.cmvnWindowFrames() + 100, "held " + maxHeld);
    return got;
  }

  @Test
  void segmentsAndTheirFeaturesEqualTheWholeMatrixComputation() {
    float[] x = bursts(14.5, SPANS, 1);
    List<SpeechSegment> want =
        Endpointer.segments(Audio.mono(16000, x), EndpointerConfig.defaults());
    assertEquals(SPANS.length, want.size());
    for (StreamingFrontEnd.Options o :
        new StreamingFrontEnd.Options[] {
          StreamingFrontEnd.Options.defaults(),
          StreamingFrontEnd.Options.defaults().withCmvnWindowFrames(150).withNormVars(true)
        }) {
      List<FloatMatrix> ref = reference(x, want, o);
      List<SegmentedFeatures.Segment> got = stream(x, o, 3);
      assertEquals(want.size(), got.size());
      for (int k = 0; k < want.size(); k++) {
        assertEquals(want.get(k), got.get(k).span());
        FloatMatrix a = ref.get(k);
        FloatMatrix b = got.get(k).features();
        assertEquals(a.rows(), b.rows());
        assertEquals(120, b.cols());
        for (int i = 0; i < a.data().length; i++) {
          assertEquals(a.data()[i], b.data()[i], 1e-4, "segment " + k + " " + o);
        }
      }
    }
  }

  @Test
  void aLoneShortSegmentGetsPerUtteranceCmvn() {
    float[] x = bursts(4, new double[][] {{1.0, 3.0}}, 2);
    List<SegmentedFeatures.Segment> got = stream(x, StreamingFrontEnd.Options.defaults(), 4);
    assertEquals(1, got.size());
    int[] f = got.get(0).span().frames(160, 200);
    FloatMatrix all = new Fbank(FBANK).compute(x, 0);
    FloatMatrix seg =
        new FloatMatrix(
            f[1] - f[0], 40, java.util.Arrays.copyOfRange(all.data(), f[0] * 40, f[1] * 40));
    FloatMatrix want = Deltas.compute(Cmvn.apply(seg, Cmvn.of(seg), false));
    FloatMatrix have = got.get(0).features();
    for (int i = 0; i < want.data().length; i++) {
      assertEquals(want.data()[i], have.data()[i], 1e-4);
    }
  }
}
