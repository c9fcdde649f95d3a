package org.asrnas.decoder;

import org.asrnas.core.Checks;

/**
 * Where a unit or word of a {@link Hypothesis} was said, in output frames of the network (after
 * frame subsampling; multiply by the model's output frame shift for seconds), and how sure the
 * decoder is of it.
 *
 * @param startFrame first frame of the token (inclusive)
 * @param endFrame frame after its last one (exclusive); {@code endFrame > startFrame}
 * @param confidence posterior-style confidence in [0, 1]; how each decoder computes it is
 *     documented on the decoder
 */
public record Span(int startFrame, int endFrame, double confidence) {
  public Span {
    // Plain ifs: Checks' varargs would box three values per span, and decoders make one per unit.
    if (startFrame < 0 || endFrame <= startFrame) {
      Checks.checkArgument(startFrame >= 0, "startFrame must be >= 0, got %s", startFrame);
      Checks.checkArgument(
          endFrame > startFrame, "endFrame must be > startFrame, got %s..%s", startFrame, endFrame);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      Checks.checkArgument(false, "confidence must be in [0, 1], got %s", confidence);
    }
  }

  /** Number of frames the token spans. */
  public int frames() {
    return endFrame - startFrame;
  }
}
