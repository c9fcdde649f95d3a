/**
 * Speech recognition from Java in memory: {@link org.asrnas.recognizer.Recognizer} loads a trained
 * model file (with the feature pipeline it stores), optionally a lexicon and an ARPA language
 * model, once, and turns PCM samples, an {@code AudioInputStream} or a WAV/SPHERE file into a
 * {@link org.asrnas.recognizer.Result}: words with start and end times in seconds and confidences,
 * the units, the utterance score and, on request, the n best alternatives. No temporary files, no
 * archives: the same stages as {@code asr features}, {@code asr infer} and {@code asr decode}
 * (fbank, CMVN, deltas, the network, a CTC decoder) run on arrays.
 */
package org.asrnas.recognizer;
