/**
 * Long and streamed audio on the model side: {@link org.asrnas.nas.stream.ChunkedInference} runs a
 * TDNN/CNN acoustic model over features that arrive in pieces, window by window with the network's
 * left and right context ({@link org.asrnas.nas.model.ReceptiveField}), so that memory stays
 * bounded by one window and the log-probabilities equal whole-utterance inference;
 * docs/streaming.md derives the window bounds.
 */
package org.asrnas.nas.stream;
