package org.asrnas.decoder;

import java.util.List;
import org.asrnas.core.io.FloatMatrix;

/**
 * A decoder of CTC output. Input: log-probabilities of shape (frames, units), natural log, blank =
 * unit 0 (log-softmax of the model's output). Output: the N best hypotheses, best first.
 *
 * <p>Instances keep scratch buffers between calls to avoid per-frame allocation, so one instance
 * must not be used by two threads at once; {@link BatchDecoding} makes one per thread.
 */
public interface CtcDecoder {
  /**
   * Decodes one utterance.
   *
   * @param logProbs (frames, units) natural-log probabilities
   * @return at least one hypothesis (possibly empty), best first
   */
  List<Hypothesis> decode(FloatMatrix logProbs);

  /** The best hypothesis. */
  default Hypothesis best(FloatMatrix logProbs) {
    return decode(logProbs).get(0);
  }
}
