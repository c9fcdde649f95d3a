package org.asrnas.frontend.stream;

import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.features.Deltas;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.frontend.features.SlidingCmvn;
import org.asrnas.frontend.features.StreamingDeltas;
import org.asrnas.frontend.features.StreamingFbank;

/**
 * A model's input features computed as samples arrive: {@link StreamingFbank}, then {@link
 * SlidingCmvn} (the online replacement of per-utterance CMVN, docs/streaming.md), then {@link
 * StreamingDeltas}. The output equals {@link #whole} on the whole signal; it lags the input by the
 * CMVN's N/2 frames (N frames at the very start) plus the deltas' order·W frames, and memory holds
 * about N frames.
 *
 * <p>Not thread-safe: one instance per stream; {@link #finish()} resets it.
 */
public final class StreamingFrontEnd {
  /**
   * @param cmvnWindowFrames sliding CMVN window N (0 = no CMVN)
   * @param normVars also normalise variances
   * @param deltaOrder 0, 1 or 2
   * @param deltaWindow delta regression half-width W
   */
  public record Options(int cmvnWindowFrames, boolean normVars, int deltaOrder, int deltaWindow) {
    public Options {
      Checks.checkArgument(
          cmvnWindowFrames >= 0, "cmvnWindowFrames must be >= 0, got %s", cmvnWindowFrames);
      Checks.checkArgument(deltaOrder >= 0, "deltaOrder must be >= 0, got %s", deltaOrder);
      Checks.checkArgument(deltaWindow >= 1, "deltaWindow must be >= 1, got %s", deltaWindow);
    }

    /** CMVN over 600 frames (means only, as training's default), deltas of order 2, window 2. */
    public static Options defaults() {
      return new Options(SlidingCmvn.DEFAULT_WINDOW_FRAMES, false, 2, 2);
    }

    public Options withNormVars(boolean v) {
      return new Options(cmvnWindowFrames, v, deltaOrder, deltaWindow);
    }

    public Options withCmvnWindowFrames(int v) {
      return new Options(v, normVars, deltaOrder, deltaWindow);
    }
  }

  private final Fbank fbank;
  private final Options options;
  private final StreamingFbank stage1;
  private final SlidingCmvn stage2;
  private final StreamingDeltas stage3;

  public StreamingFrontEnd(FbankConfig config, Options options) {
    this.fbank = new Fbank(config);
    this.options = Checks.checkNotNull(options, "options");
    this.stage1 = new StreamingFbank(fbank, 0);
    this.stage2 =
        options.cmvnWindowFrames() == 0
            ? null
            : new SlidingCmvn(fbank.dim(), options.cmvnWindowFrames(), options.normVars());
    this.stage3 = new StreamingDeltas(fbank.dim(), options.deltaOrder(), options.deltaWindow());
  }

  /** Columns of the output: fbank dims · (deltaOrder + 1). */
  public int outputDim() {
    return stage3.outputDim();
  }

  public FbankConfig fbankConfig() {
    return fbank.config();
  }

  /** Adds samples (16-bit scale, at the fbank's rate); returns the feature frames now final. */
  public FloatMatrix accept(float[] samples, int offset, int length) {
    FloatMatrix f = stage1.accept(samples, offset, length);
    FloatMatrix c = stage2 == null ? f : stage2.accept(f);
    return stage3.accept(c);
  }

  /** Ends the signal: the remaining frames; resets. */
  public FloatMatrix finish() {
    FloatMatrix tail = stage3.accept(cmvnFinish(stage1.finish()));
    FloatMatrix last = stage3.finish();
    return concat(tail, last);
  }

  private FloatMatrix cmvnFinish(FloatMatrix fbankTail) {
    if (stage2 == null) {
      return fbankTail;
    }
    return concat(stage2.accept(fbankTail), stage2.finish());
  }

  /** The same features of a whole signal, stage after stage on whole matrices. */
  public static FloatMatrix whole(float[] samples, FbankConfig config, Options options) {
    FloatMatrix f = new Fbank(config).compute(samples, 0);
    FloatMatrix c =
        options.cmvnWindowFrames() == 0
            ? f
            : SlidingCmvn.apply(f, options.cmvnWindowFrames(), options.normVars());
    return Deltas.compute(c, options.deltaOrder(), options.deltaWindow());
  }

  static FloatMatrix concat(FloatMatrix a, FloatMatrix b) {
    if (a.rows() == 0) {
      return b;
    }
    if (b.rows() == 0) {
      return a;
    }
    float[] d = java.util.Arrays.copyOf(a.data(), a.data().length + b.data().length);
    System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
    return new FloatMatrix(a.rows() + b.rows(), a.cols(), d);
  }
}
