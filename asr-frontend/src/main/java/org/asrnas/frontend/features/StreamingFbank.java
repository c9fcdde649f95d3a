package org.asrnas.frontend.features;

import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * {@link Fbank} on samples that arrive in pieces: each frame is computed as soon as its window has
 * arrived, and the frames of all pieces together are exactly (bit for bit) those of {@link
 * Fbank#compute(float[], long)} on the whole signal, for every option, dither included (one
 * generator drawn frame after frame, as there).
 *
 * <p>With {@code snipEdges} (Kaldi's default) frame f covers samples {@code [f·shift, f·shift +
 * window)} and only frames that fit are made. Without it, frame f is centred on {@code f·shift +
 * shift/2}, samples before 0 and after the end are reflected, and there are {@code round(N /
 * shift)} frames: the last ones depend on the length N, so they come from {@link #finish()}. Memory
 * holds one window of samples (plus the piece being added).
 *
 * <p>Not thread-safe: one instance per stream; {@link #finish()} resets it for the next utterance
 * with a fresh dither generator from the same seed.
 */
public final class StreamingFbank {
  private final Fbank fbank;
  private final long ditherSeed;
  private final double[] frame;
  private Random rng;
  private final SampleWindow window = new SampleWindow();
  private int frames;

  /**
   * @param ditherSeed seeds the dither (ignored when dither is 0, as it should be for decoding)
   */
  public StreamingFbank(Fbank fbank, long ditherSeed) {
    this.fbank = Checks.checkNotNull(fbank, "fbank");
    this.ditherSeed = ditherSeed;
    this.frame = new double[fbank.config().paddedWindowSize()];
    this.rng = newRng();
  }

  private Random newRng() {
    return fbank.config().dither() > 0 ? new Random(ditherSeed) : null;
  }

  /** Output columns. */
  public int dim() {
    return fbank.dim();
  }

  /** Frames returned so far in this utterance. */
  public int framesDone() {
    return frames;
  }

  /** Samples held now (about one window). */
  public int bufferedSamples() {
    return window.size();
  }

  /**
   * Adds samples (16-bit integer scale, at the config's sample frequency) and returns the frames
   * whose window is now complete.
   *
   * @return (n, dim), n possibly 0
   */
  public FloatMatrix accept(float[] samples, int offset, int length) {
    window.append(samples, offset, length);
    int ws = fbank.config().windowSize();
    int first = frames;
    // a frame whose window fits in what has arrived never reads past the end (see class comment)
    while (fbank.frameStart(frames) + ws <= window.received()) {
      frames++;
    }
    return compute(first, frames, Long.MAX_VALUE);
  }

  /** Adds all of {@code samples}. */
  public FloatMatrix accept(float[] samples) {
    return accept(samples, 0, samples.length);
  }

  /**
   * Ends the signal: returns the frames that needed its length (none with snipEdges) and resets.
   *
   * @return (n, dim)
   */
  public FloatMatrix finish() {
    long received = window.received();
    int total = fbank.config().numFrames(received);
    int first = frames;
    frames = Math.max(frames, total);
    FloatMatrix out = compute(first, total, received);
    window.clear();
    frames = 0;
    rng = newRng();
    return out;
  }

  /** Frames {@code [from, to)} of a signal of {@code n} samples, then drops samples behind them. */
  private FloatMatrix compute(int from, int to, long n) {
    int dim = fbank.dim();
    int count = Math.max(0, to - from);
    float[] out = new float[count * dim];
    for (int f = from; f < to; f++) {
      fbank.extractFrame(
          window.data(), window.start(), n == Long.MAX_VALUE ? window.received() : n, f, frame);
      fbank.computeFrame(frame, rng, out, (f - from) * dim);
    }
    // the next frame starts at frameStart(to); reflection at the start reads samples from 0
    window.dropBefore(Math.max(0, fbank.frameStart(to)));
    return new FloatMatrix(count, dim, out);
  }
}
