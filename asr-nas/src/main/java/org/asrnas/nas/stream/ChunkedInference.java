package org.asrnas.nas.stream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.ReceptiveField;

/**
 * Runs a finite-context (TDNN/CNN) acoustic model over input features that arrive in pieces and
 * returns its log-probabilities piece by piece, in memory bounded by one window, with output equal
 * to running the whole utterance at once (up to float rounding).
 *
 * <p>Output frames are produced in chunks of {@code c} frames. Chunk {@code [a, b)} runs the
 * network on the input window {@code [w0, w1)} with
 *
 * <pre>
 *   w0 = max(0, S · floor((a·S − left) / S))        (a multiple of S: every layer keeps its phase)
 *   w1 = min(T, (b − 1)·S + right + 1)
 * </pre>
 *
 * where {@code left}, {@code right} and S are the network's {@link ReceptiveField}. Every output
 * frame of the chunk reads only input inside the window; the window's own edges are zero padded at
 * every layer exactly where the whole utterance is (at frame 0 and at the last frame T − 1, the
 * whole-utterance path pads each layer with zeros and masks frames past its length), and the
 * network's frames past the chunk, which saw the window's artificial edge, are dropped. Chunks are
 * run as soon as their right context has arrived; {@link #finish()} runs the rest once T is known.
 * The overlap costs {@code (left + right) / (c·S)} extra computation.
 *
 * <p>A network with a BLSTM layer depends on the whole utterance and is refused with a message
 * saying so (run such models whole, as {@code asr infer} does).
 *
 * <p>Not thread-safe: one instance per stream. {@link #finish()} resets it for the next utterance.
 */
public final class ChunkedInference {
  /** Default input frames per chunk (10.24 s at a 10 ms shift). */
  public static final int DEFAULT_CHUNK_FRAMES = 1024;

  private final AcousticModel model;
  private final NDManager manager;
  private final ReceptiveField field;
  private final int chunkOut;
  private final int dim;

  private float[] buffer = new float[0];
  private int bufferStart;
  private int bufferFrames;
  private int received;
  private int emitted;

  private ChunkedInference(
      AcousticModel model, NDManager manager, ReceptiveField field, int chunkFrames) {
    this.model = model;
    this.manager = manager;
    this.field = field;
    this.chunkOut = Math.max(1, chunkFrames / field.subsampling());
    this.dim = model.spec().inputDim();
  }

  /**
   * @param model a TDNN/CNN network (no BLSTM)
   * @param manager where each window's arrays are made (a sub-manager per window frees them)
   * @param chunkFrames input frames per chunk, beyond the context (at least the subsampling is
   *     used)
   * @throws IllegalArgumentException for a network without a finite receptive field, naming its
   *     unbounded layer
   */
  public static ChunkedInference create(AcousticModel model, NDManager manager, int chunkFrames) {
    Checks.checkNotNull(model, "model");
    Checks.checkNotNull(manager, "manager");
    Checks.checkArgument(chunkFrames >= 1, "chunkFrames must be >= 1, got %s", chunkFrames);
    ArchitectureSpec spec = model.spec();
    ReceptiveField field =
        spec.receptiveField()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "chunked inference needs a network of finite context (TDNN/CNN); its "
                            + ReceptiveField.unboundedLayer(spec).orElse("?")
                            + " layer reads the whole utterance: run it on whole utterances"
                            + " (asr infer, Inference) or cut the audio into segments first"
                            + " (Endpointer)"));
    return new ChunkedInference(model, manager, field, chunkFrames);
  }

  /** The network's context, which each chunk adds on both sides. */
  public ReceptiveField receptiveField() {
    return field;
  }

  /** Input frames held now (at most one window: about chunk + left + right + S). */
  public int bufferedFrames() {
    return bufferFrames;
  }

  /**
   * Adds input frames and returns the log-probabilities that are now final.
   *
   * @param frames (frames, inputDim) model input (after CMVN and deltas)
   * @return (n, units) natural-log probabilities of the next n output frames, n possibly 0
   */
  public FloatMatrix accept(FloatMatrix frames) {
    Checks.checkArgument(
        frames.cols() == dim, "frames have %s dims, the model wants %s", frames.cols(), dim);
    append(frames);
    int s = field.subsampling();
    FloatMatrix out = empty();
    while (true) {
      long end = (long) (emitted + chunkOut - 1) * s + field.right() + 1;
      if (received < end) {
        return out;
      }
      out = concat(out, window(emitted, emitted + chunkOut, (int) end));
    }
  }

  /**
   * Ends the utterance: returns the remaining log-probabilities (the last frames, padded as the
   * whole utterance is) and resets for the next utterance.
   *
   * @return (n, units); for T input frames in all, the concatenated outputs have {@link
   *     ArchitectureSpec#outputLength} (T) rows
   */
  public FloatMatrix finish() {
    int s = field.subsampling();
    int total = model.spec().outputLength(received);
    FloatMatrix out = empty();
    while (emitted < total) {
      int b = Math.min(emitted + chunkOut, total);
      long end = Math.min(received, (long) (b - 1) * s + field.right() + 1);
      out = concat(out, window(emitted, b, (int) end));
    }
    buffer = new float[0];
    bufferStart = 0;
    bufferFrames = 0;
    received = 0;
    emitted = 0;
    return out;
  }

  /**
   * The log-probabilities of one whole utterance (or segment) computed chunk by chunk: {@link
   * #accept} of all its frames, then {@link #finish()}. Equals the whole-utterance forward pass (up
   * to float rounding) while the network sees at most one window at a time.
   *
   * @param frames (T, inputDim) model input
   * @return ({@link ArchitectureSpec#outputLength} (T), units)
   */
  public FloatMatrix logProbs(FloatMatrix frames) {
    FloatMatrix head = accept(frames);
    return concat(head, finish());
  }

  /** Runs input frames {@code [w0, end)} and returns output frames {@code [a, b)}. */
  private FloatMatrix window(int a, int b, int end) {
    int start = windowStart(a);
    int n = end - start;
    Checks.checkArgument(start >= bufferStart, "frame %s already dropped", start);
    float[] x = Arrays.copyOfRange(buffer, (start - bufferStart) * dim, (end - bufferStart) * dim);
    float[] host;
    int time;
    int units;
    try (NDManager m = manager.newSubManager()) {
      NDArray in = m.create(x, new Shape(1, n, dim));
      NDArray lp = model.forward(in, new int[] {n}, false).activations().logSoftmax(2);
      host = lp.toFloatArray();
      time = Math.toIntExact(lp.getShape().get(1));
      units = Math.toIntExact(lp.getShape().get(2));
    }
    int first = a - start / field.subsampling();
    Checks.checkArgument(
        first >= 0 && first + (b - a) <= time,
        "window [%s, %s) has %s output frames, chunk [%s, %s) is not inside it",
        start,
        end,
        time,
        a,
        b);
    float[] rows = Arrays.copyOfRange(host, first * units, (first + b - a) * units);
    emitted = b;
    drop(windowStart(b));
    return new FloatMatrix(b - a, units, rows);
  }

  /** The first input frame of the window of the chunk that starts at output frame a. */
  private int windowStart(int a) {
    int s = field.subsampling();
    long lo = (long) a * s - field.left();
    return (int) Math.max(0, Math.floorDiv(lo, s) * s);
  }

  private void append(FloatMatrix frames) {
    int need = (bufferFrames + frames.rows()) * dim;
    if (need > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(need, 2 * buffer.length));
    }
    System.arraycopy(frames.data(), 0, buffer, bufferFrames * dim, frames.rows() * dim);
    bufferFrames += frames.rows();
    received += frames.rows();
  }

  /** Forgets input frames before {@code frame}. */
  private void drop(int frame) {
    int k = Math.min(bufferFrames, frame - bufferStart);
    if (k <= 0) {
      return;
    }
    System.arraycopy(buffer, k * dim, buffer, 0, (bufferFrames - k) * dim);
    bufferFrames -= k;
    bufferStart += k;
  }

  private FloatMatrix empty() {
    return new FloatMatrix(0, model.spec().units(), new float[0]);
  }

  private static FloatMatrix concat(FloatMatrix a, FloatMatrix b) {
    if (a.rows() == 0) {
      return b;
    }
    float[] d = Arrays.copyOf(a.data(), a.data().length + b.data().length);
    System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
    return new FloatMatrix(a.rows() + b.rows(), a.cols(), d);
  }

  /**
   * The reference: the whole utterance in one forward pass, as {@code asr infer} runs it.
   *
   * @param features (frames, inputDim)
   * @return (outputLength(frames), units) log-probabilities
   */
  public static FloatMatrix wholeUtterance(
      AcousticModel model, NDManager manager, FloatMatrix features) {
    int n = features.rows();
    try (NDManager m = manager.newSubManager()) {
      NDArray in = m.create(features.data(), new Shape(1, n, features.cols()));
      NDArray lp = model.forward(in, new int[] {n}, false).activations().logSoftmax(2);
      return new FloatMatrix(
          Math.toIntExact(lp.getShape().get(1)),
          Math.toIntExact(lp.getShape().get(2)),
          lp.toFloatArray());
    }
  }
}
