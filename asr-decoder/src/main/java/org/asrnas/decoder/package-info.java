/**
 * CTC decoders over per-frame log-probabilities (a {@link org.asrnas.core.io.FloatMatrix}, one row
 * per frame, one column per unit, blank = unit 0): best path ({@link
 * org.asrnas.decoder.GreedyDecoder}), CTC prefix beam search ({@link
 * org.asrnas.decoder.PrefixBeamDecoder}) and lexicon-constrained beam search with a word n-gram LM
 * ({@link org.asrnas.decoder.LexiconDecoder}). A model plugs in by producing log-probabilities and
 * handing them to any {@link org.asrnas.decoder.CtcDecoder}; {@link
 * org.asrnas.decoder.BatchDecoding} runs one decoder per thread across utterances. Hypotheses carry
 * the frames and confidence of each unit and word ({@link org.asrnas.decoder.Span}); {@link
 * org.asrnas.decoder.Ctm} writes them as NIST CTM and {@link org.asrnas.decoder.CtcAlignment} is
 * the forced alignment they are checked against.
 */
package org.asrnas.decoder;
