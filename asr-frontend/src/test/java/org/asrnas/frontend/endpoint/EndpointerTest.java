package org.asrnas.frontend.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.frontend.audio.Audio;
import org.junit.jupiter.api.Test;

class EndpointerTest {
  static final int RATE = 16000;

  /** Low background noise (rms 20) with tone and noise bursts at [start, end) seconds. */
  static float[] bursts(double seconds, double[][] spans, long seed) {
    Random rng = new Random(seed);
    float[] x = new float[(int) (seconds * RATE)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (20 * rng.nextGaussian());
    }
    for (int k = 0; k < spans.length; k++) {
      int a = (int) (spans[k][0] * RATE);
      int b = (int) (spans[k][1] * RATE);
      for (int i = a; i < b; i++) {
        x[i] +=
            (float)
                (k % 2 == 0
                    ? 5000 * Math.sin(2 * Math.PI * 440 * i / RATE)
                    : 3000 * rng.nextGaussian());
      }
    }
    return x;
  }

  static void assertSpans(double[][] want, List<SpeechSegment> got, double pad) {
    assertEquals(want.length, got.size(), "segments " + got);
    for (int k = 0; k < want.length; k++) {
      double start = Math.max(0, want[k][0] - pad);
      assertEquals(start, got.get(k).startSeconds(), 0.05, "start of " + k + ": " + got);
      assertEquals(want[k][1] + pad, got.get(k).endSeconds(), 0.05, "end of " + k + ": " + got);
    }
  }

  private static final double[][] SPANS = {{0.5, 1.7}, {2.4, 3.0}, {4.1, 6.6}, {7.5, 7.9}};

  @Test
  void findsTonesAndNoiseBurstsWithin50Ms() {
    Audio a = Audio.mono(RATE, bursts(9, SPANS, 1));
    assertSpans(SPANS, Endpointer.segments(a, EndpointerConfig.defaults().withPaddingMs(0)), 0);
    assertSpans(SPANS, Endpointer.segments(a, EndpointerConfig.defaults()), 0.1);
  }

  @Test
  void shortPausesStayInsideAndClicksAreDropped() {
    double[][] spans = {{0.5, 1.2}, {1.35, 2.0}, {3.0, 3.08}, {4.0, 4.6}};
    Audio a = Audio.mono(RATE, bursts(5.5, spans, 2));
    List<SpeechSegment> got = Endpointer.segments(a, EndpointerConfig.defaults().withPaddingMs(0));
    assertSpans(new double[][] {{0.5, 2.0}, {4.0, 4.6}}, got, 0);
  }

  @Test
  void speechAtTheVeryStartAndEndIsKept() {
    double[][] spans = {{0.0, 1.0}, {2.0, 3.0}};
    Audio a = Audio.mono(RATE, bursts(3.0, spans, 3));
    assertSpans(spans, Endpointer.segments(a, EndpointerConfig.defaults().withPaddingMs(0)), 0);
    // padding stops at the ends of the recording
    List<SpeechSegment> padded = Endpointer.segments(a, EndpointerConfig.defaults());
    assertEquals(0, padded.get(0).startSample());
    assertEquals(3 * RATE, padded.get(1).endSample());
  }

  @Test
  void aLongSegmentIsSplitAtItsQuietestFrame() {
    Random rng = new Random(4);
    float[] x = new float[17 * RATE];
    for (int i = 0; i < x.length; i++) {
      double t = (double) i / RATE;
      // syllable-like: a 440 Hz tone whose level swings 4 times a second between 10% and 100%
      double level =
          t >= 0.5 && t < 16.5 ? 5000 * (0.55 + 0.45 * Math.cos(2 * Math.PI * 4 * t)) : 0;
      x[i] = (float) (20 * rng.nextGaussian() + level * Math.sin(2 * Math.PI * 440 * t));
    }
    // a 60 ms dip to 1% of the level at 7.3 s, in the second half of the first 10 s
    for (int i = (int) (7.3 * RATE); i < (int) (7.36 * RATE); i++) {
      x[i] *= 0.01f;
    }
    List<SpeechSegment> got =
        Endpointer.segments(
            Audio.mono(RATE, x), EndpointerConfig.defaults().withMaxSegmentSeconds(10));
    assertEquals(2, got.size(), got.toString());
    assertEquals(7.33, got.get(0).endSeconds(), 0.05);
    assertEquals(got.get(0).endSample(), got.get(1).startSample(), "pieces of a split abut");
    assertEquals(0.4, got.get(0).startSeconds(), 0.05);
    assertEquals(16.6, got.get(1).endSeconds(), 0.05);
  }

  @Test
  void streamingInPiecesGivesTheSameSegmentsAndBoundedMemory() {
    float[] x = bursts(9, SPANS, 5);
    List<SpeechSegment> whole =
        Endpointer.segments(Audio.mono(RATE, x), EndpointerConfig.defaults());
    Endpointer e = new Endpointer(EndpointerConfig.defaults(), RATE);
    Random rng = new Random(9);
    List<SpeechSegment> got = new ArrayList<>();
    int at = 0;
    int maxFrames = 0;
    while (at < x.length) {
      int n = Math.min(x.length - at, rng.nextInt(3000));
      got.addAll(e.accept(x, at, n));
      at += n;
      maxFrames = Math.max(maxFrames, e.bufferedFrames());
    }
    got.addAll(e.finish());
    assertEquals(whole, got);
    // the longest span is 2.5 s = 250 frames; the first second waits for the initial floor
    assertTrue(maxFrames <= 300, "" + maxFrames);
    // a closed segment comes out once its pause is long enough, not at the end
    Endpointer live = new Endpointer(EndpointerConfig.defaults(), RATE);
    assertEquals(0, live.accept(x, 0, (int) (1.9 * RATE)).size());
    assertEquals(1, live.accept(x, (int) (1.9 * RATE), (int) (0.2 * RATE)).size());
  }

  @Test
  void silenceAndNoiseAloneHaveNoSegments() {
    assertEquals(
        0,
        Endpointer.segments(Audio.mono(RATE, new float[RATE * 3]), EndpointerConfig.defaults())
            .size());
    assertEquals(
        0,
        Endpointer.segments(
                Audio.mono(RATE, bursts(4, new double[0][], 6)), EndpointerConfig.defaults())
            .size());
    assertEquals(
        0,
        Endpointer.segments(Audio.mono(RATE, new float[100]), EndpointerConfig.defaults()).size());
  }

  @Test
  void badOptionsAreRefusedWithTheRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EndpointerConfig.defaults().withPaddingMs(200));
    assertTrue(e.getMessage().contains("minSilenceMs / 2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> EndpointerConfig.defaults().withThresholdDb(0));
  }

  @Test
  void segmentsMapToTheFbankFramesCentredInThem() {
    SpeechSegment s = new SpeechSegment(16000, 32000, RATE);
    // snipEdges: frame f centred at 160 f + 200
    int[] f = s.frames(160, 200);
    assertEquals(99, f[0]); // 160 * 99 + 200 = 16040 >= 16000, frame 98 is centred at 15880
    assertEquals(199, f[1]);
    assertEquals(1.0, s.durationSeconds(), 1e-12);
  }
}
