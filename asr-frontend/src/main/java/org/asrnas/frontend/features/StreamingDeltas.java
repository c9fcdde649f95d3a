package org.asrnas.frontend.features;

import java.util.Arrays;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * {@link Deltas} on frames that arrive in pieces, equal to {@link Deltas#compute(FloatMatrix, int,
 * int)} on the whole utterance. The order-i filter reaches i·W frames to each side, so frame t is
 * emitted once frame {@code t + order·W} has arrived (a latency of order·W frames, 4 = 40 ms for
 * Kaldi's default order 2, window 2); frames before the first are the first frame (edge
 * replication, as {@code add-deltas}), and {@link #finish()} emits the last order·W frames with the
 * last frame replicated. Memory holds 2·order·W + 1 frames.
 *
 * <p>Not thread-safe: one instance per stream; {@link #finish()} resets it.
 */
public final class StreamingDeltas {
  private final int dim;
  private final int order;
  private final double[][] scales;
  private final int reach;
  // the frames still needed, one float per value: frame t's values start at index t * dim
  private final SampleWindow buffer = new SampleWindow();
  private int received;
  private int emitted;

  /**
   * @param dim static feature dimension
   * @param order 0, 1 or 2 (Kaldi's {@code --delta-order})
   * @param window W (Kaldi's {@code --delta-window})
   */
  public StreamingDeltas(int dim, int order, int window) {
    Checks.checkArgument(dim >= 1, "dim must be >= 1, got %s", dim);
    Checks.checkArgument(order >= 0, "delta order must be >= 0, got %s", order);
    Checks.checkArgument(window >= 1, "delta window must be >= 1, got %s", window);
    this.dim = dim;
    this.order = order;
    this.scales = Deltas.scales(order, window);
    this.reach = order * window;
  }

  /** Output columns: dim · (order + 1). */
  public int outputDim() {
    return dim * (order + 1);
  }

  /** Frames the output lags behind the input. */
  public int latencyFrames() {
    return reach;
  }

  /**
   * Adds frames and returns the delta frames whose right context has arrived.
   *
   * @param frames (n, dim)
   * @return (k, dim · (order + 1))
   */
  public FloatMatrix accept(FloatMatrix frames) {
    Checks.checkArgument(
        frames.cols() == dim, "frames have %s dims, these deltas %s", frames.cols(), dim);
    buffer.append(frames.data(), 0, frames.rows() * dim);
    received += frames.rows();
    return emit(Math.max(emitted, received - reach));
  }

  /** Ends the utterance: the last frames with the last frame replicated; resets. */
  public FloatMatrix finish() {
    FloatMatrix out = emit(received);
    buffer.clear();
    received = 0;
    emitted = 0;
    return out;
  }

  private FloatMatrix emit(int to) {
    int outDim = outputDim();
    int count = to - emitted;
    float[] out = new float[count * outDim];
    double[] acc = new double[dim];
    for (int r = emitted; r < to; r++) {
      for (int i = 0; i <= order; i++) {
        double[] s = scales[i];
        int max = (s.length - 1) / 2;
        Arrays.fill(acc, 0);
        for (int j = -max; j <= max; j++) {
          double scale = s[j + max];
          if (scale == 0) {
            continue;
          }
          // frames not yet received are never read before finish (r + reach < received)
          int f = Math.min(Math.max(r + j, 0), received - 1);
          int base = offset(f);
          for (int d = 0; d < dim; d++) {
            acc[d] += scale * buffer.data()[base + d];
          }
        }
        int o = (r - emitted) * outDim + i * dim;
        for (int d = 0; d < dim; d++) {
          out[o + d] = (float) acc[d];
        }
      }
    }
    emitted = to;
    int keep = Math.max(0, emitted - reach);
    buffer.dropBefore((long) keep * dim);
    return new FloatMatrix(count, outDim, out);
  }

  /** Index in {@code buffer.data()} of frame {@code t}'s first value. */
  private int offset(int t) {
    return (int) ((long) t * dim - buffer.start());
  }
}
