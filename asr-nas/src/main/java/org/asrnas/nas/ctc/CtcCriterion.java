package org.asrnas.nas.ctc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.asrnas.core.Checks;

/**
 * CTC (or CTC-CRF) as a DJL loss: copies the activations to the host, runs the {@link SequenceLoss}
 * ({@link CtcLoss} or {@link CtcCrfLoss}), and returns a surrogate scalar {@code sum(activations *
 * stopGradient(grad))} whose backward pass leaves exactly the CTC gradient in the activations (and,
 * through autograd, in the parameters). The surrogate's value is meaningless; report {@link
 * Output#result()} instead.
 */
public final class CtcCriterion {
  /**
   * @param surrogate scalar to call {@code GradientCollector.backward} on
   * @param result the true losses, gradient and skipped utterances
   */
  public record Output(NDArray surrogate, CtcLoss.Result result) {}

  private final SequenceLoss ctc;

  public CtcCriterion(SequenceLoss ctc) {
    this.ctc = Checks.checkNotNull(ctc, "ctc");
  }

  /** The host-side loss this criterion runs. */
  public SequenceLoss loss() {
    return ctc;
  }

  /**
   * @param activations pre-softmax outputs (batch, time, units), float32
   * @param lengths valid frames per utterance
   * @param targets unit ids per utterance (no blanks)
   */
  public Output forward(
      NDArray activations, int[] lengths, int[][] targets, CtcLoss.Reduction reduction) {
    long[] s = activations.getShape().getShape();
    Checks.checkArgument(
        s.length == 3, "activations must be (batch, time, units), got %s", activations.getShape());
    float[] host = activations.toType(DataType.FLOAT32, false).toFloatArray();
    CtcLoss.Result r =
        ctc.compute(host, (int) s[0], (int) s[1], (int) s[2], lengths, targets, reduction);
    NDArray grad =
        activations.getManager().create(r.gradient(), activations.getShape()).stopGradient();
    return new Output(activations.mul(grad).sum(), r);
  }
}
