package org.asrnas.nas.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A built op: its parameters (held in a {@link ModelParameters}) and the forward computation on
 * (batch, channels, time). A supernet builds one per candidate and node and calls only the sampled
 * ones, reporting their {@link #parameterNames()} to the optimizer.
 */
public interface Layer {
  /**
   * Builds {@code op} with parameters named {@code prefix + ".<part>"}, created in {@code params}.
   *
   * @param prefix unique per node and op, e.g. {@code b3.tdnn-C1D2}
   * @param inputDim channels of the input
   * @param width node width (the output channels of every op but identity and blstm)
   * @param dropout dropout rate of the op (used only when training)
   */
  static Layer build(
      OpSpec op, String prefix, int inputDim, int width, double dropout, ModelParameters params) {
    return Layers.build(op, prefix, inputDim, width, dropout, params);
  }

  OpSpec spec();

  /** Names of the parameters this layer uses. */
  List<String> parameterNames();

  int outputDim();

  /**
   * Scalar weights of this op as a network of its own would have them: the arrays of {@link
   * #parameterNames()}, except that a TDNN candidate sharing a node's kernel counts only the taps
   * it uses.
   */
  default long parameterCount(ModelParameters params) {
    long n = 0;
    for (String k : parameterNames()) {
      n += params.get(k).getShape().size();
    }
    return n;
  }

  /**
   * @param x (batch, inputDim, time) with padded frames zero
   * @param lengths valid frames per utterance of {@code x}
   * @return (batch, outputDim, spec().outputLength(time)); padded frames are masked by the caller
   */
  NDArray forward(NDArray x, int[] lengths, boolean training);
}
