package org.asrnas.frontend.features;

import java.util.Arrays;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * Online cepstral mean (and optionally variance) normalisation over a centred sliding window, as
 * Kaldi's {@code apply-cmvn-sliding --center=true} ({@code SlidingWindowCmn} in {@code
 * feat/feature-functions.cc}; {@code torchaudio.functional.sliding_window_cmn(center=True)}).
 *
 * <p>Frame t of T is normalised with the statistics of the window {@code [s, e)} of N frames,
 *
 * <pre>
 *   s = t − N/2, e = s + N;  if s &lt; 0: e −= s, s = 0;  if e &gt; T: s −= e − T, e = T, s = max(s, 0)
 *   y_t = x_t − mean[s, e)            (normVars: y_t = (x_t − mean) / sqrt(max(var[s, e), 1e-10)),
 *                                      and 0 for a window of one frame)
 * </pre>
 *
 * so an utterance of at most N frames gets exactly per-utterance CMVN ({@link Cmvn} with its own
 * statistics), and a longer one is normalised by the N frames around each frame (default 600 = 6 s,
 * Kaldi's {@code --cmn-window}). Frames are emitted as soon as their window is complete, N/2 frames
 * later (at most N frames at the start); {@link #finish()} emits the last N/2 with the end-clipped
 * window. Sums are kept in double and updated as the window slides, as Kaldi does. Memory holds N
 * frames.
 *
 * <p>Not thread-safe: one instance per stream; {@link #finish()} resets it.
 */
public final class SlidingCmvn {
  /** Kaldi's default {@code --cmn-window}. */
  public static final int DEFAULT_WINDOW_FRAMES = 600;

  /** Kaldi's floor of the window variance before {@code var^-1/2}. */
  static final double VARIANCE_FLOOR = 1.0e-10;

  private final int dim;
  private final int window;
  private final boolean normVars;
  private final double[] sum;
  private final double[] sumSq;
  // the frames still needed, one float per value: frame t's values start at index t * dim
  private final SampleWindow buffer = new SampleWindow();
  private int received;
  private int emitted;
  private int windowStart;
  private int windowEnd;

  /**
   * @param dim feature dimension
   * @param windowFrames N, the window in frames (Kaldi's {@code --cmn-window})
   * @param normVars also normalise the variance (Kaldi's {@code --norm-vars})
   */
  public SlidingCmvn(int dim, int windowFrames, boolean normVars) {
    Checks.checkArgument(dim >= 1, "dim must be >= 1, got %s", dim);
    Checks.checkArgument(windowFrames >= 1, "windowFrames must be >= 1, got %s", windowFrames);
    this.dim = dim;
    this.window = windowFrames;
    this.normVars = normVars;
    this.sum = new double[dim];
    this.sumSq = new double[dim];
  }

  /** The whole-matrix form: every frame of {@code feats} normalised at once. */
  public static FloatMatrix apply(FloatMatrix feats, int windowFrames, boolean normVars) {
    SlidingCmvn c = new SlidingCmvn(feats.cols(), windowFrames, normVars);
    FloatMatrix a = c.accept(feats);
    FloatMatrix b = c.finish();
    return concat(a, b);
  }

  /** Frames buffered now (at most about N plus the piece being added). */
  public int bufferedFrames() {
    return buffer.size() / dim;
  }

  /**
   * Adds frames and returns the normalised frames whose window is complete.
   *
   * @param frames (n, dim)
   * @return (k, dim), k possibly 0
   */
  public FloatMatrix accept(FloatMatrix frames) {
    Checks.checkArgument(
        frames.cols() == dim, "frames have %s dims, this CMVN %s", frames.cols(), dim);
    buffer.append(frames.data(), 0, frames.rows() * dim);
    received += frames.rows();
    int to = emitted;
    // frame t's window end before clipping at T: max(t - N/2, 0) + N
    while (Math.max(to - window / 2, 0) + window <= received) {
      to++;
    }
    return emit(to, Integer.MAX_VALUE);
  }

  /** Ends the utterance: the last frames, normalised with the end-clipped window; resets. */
  public FloatMatrix finish() {
    FloatMatrix out = emit(received, received);
    buffer.clear();
    received = 0;
    emitted = 0;
    windowStart = 0;
    windowEnd = 0;
    Arrays.fill(sum, 0);
    Arrays.fill(sumSq, 0);
    return out;
  }

  private FloatMatrix emit(int to, int total) {
    int count = to - emitted;
    float[] out = new float[count * dim];
    for (int t = emitted; t < to; t++) {
      int s = t - window / 2;
      int e = s + window;
      if (s < 0) {
        e -= s;
        s = 0;
      }
      if (e > total) {
        s -= e - total;
        e = total;
        s = Math.max(s, 0);
      }
      slide(s, e);
      int n = e - s;
      int o = (t - emitted) * dim;
      int in = offset(t);
      for (int d = 0; d < dim; d++) {
        double mean = sum[d] / n;
        double y = buffer.data()[in + d] - mean;
        if (normVars) {
          if (n == 1) {
            y = 0;
          } else {
            double var = Math.max(sumSq[d] / n - mean * mean, VARIANCE_FLOOR);
            y /= Math.sqrt(var);
          }
        }
        out[o + d] = (float) y;
      }
    }
    emitted = to;
    // later windows start at or after this one's start (both ends only move forward)
    int keep = Math.min(windowStart, emitted);
    buffer.dropBefore((long) keep * dim);
    return new FloatMatrix(count, dim, out);
  }

  /** Moves the summed window to {@code [s, e)}; both ends are non-decreasing. */
  private void slide(int s, int e) {
    while (windowEnd < e) {
      add(windowEnd, 1);
      windowEnd++;
    }
    while (windowStart < s) {
      add(windowStart, -1);
      windowStart++;
    }
  }

  private void add(int frame, int sign) {
    int o = offset(frame);
    for (int d = 0; d < dim; d++) {
      double v = buffer.data()[o + d];
      sum[d] += sign * v;
      sumSq[d] += sign * v * v;
    }
  }

  static FloatMatrix concat(FloatMatrix a, FloatMatrix b) {
    if (a.rows() == 0) {
      return b;
    }
    float[] d = Arrays.copyOf(a.data(), a.data().length + b.data().length);
    System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
    return new FloatMatrix(a.rows() + b.rows(), a.cols(), d);
  }

  /** Index in {@code buffer.data()} of frame {@code t}'s first value. */
  private int offset(int t) {
    return (int) ((long) t * dim - buffer.start());
  }
}
