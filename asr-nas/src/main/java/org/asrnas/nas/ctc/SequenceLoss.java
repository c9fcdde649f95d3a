package org.asrnas.nas.ctc;

/**
 * A sequence loss computed on the host from pre-softmax activations: {@link CtcLoss} or {@link
 * CtcCrfLoss}. {@link CtcCriterion} feeds its gradient into DJL's autograd.
 */
public interface SequenceLoss {
  /**
   * Computes the loss and its gradient with respect to the activations.
   *
   * @param activations pre-softmax activations (batch, maxTime, vocab), row-major
   * @param batch batch size
   * @param maxTime padded length
   * @param vocab number of units including blank 0
   * @param inputLengths valid frames per utterance ({@code <= maxTime})
   * @param targets label ids per utterance, each in 1..vocab-1
   * @param reduction how to combine the losses
   */
  CtcLoss.Result compute(
      float[] activations,
      int batch,
      int maxTime,
      int vocab,
      int[] inputLengths,
      int[][] targets,
      CtcLoss.Reduction reduction);
}
