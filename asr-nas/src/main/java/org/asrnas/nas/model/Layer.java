package org.asrnas.nas.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** A built op: parameters plus the forward computation on (batch, channels, time). */
interface Layer {
  OpSpec spec();

  /** Names of the parameters this layer uses. */
  List<String> parameterNames();

  int outputDim();

  /**
   * @param x (batch, inputDim, time) with padded frames zero
   * @param lengths valid frames per utterance of {@code x}
   * @return (batch, outputDim, spec().outputLength(time)); padded frames are masked by the caller
   */
  NDArray forward(NDArray x, int[] lengths, boolean training);
}
