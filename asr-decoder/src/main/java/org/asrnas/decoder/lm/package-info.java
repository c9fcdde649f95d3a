/**
 * Word n-gram language models: the {@link org.asrnas.decoder.lm.LanguageModel} interface that
 * decoders query with integer states, the ARPA back-off model ({@link
 * org.asrnas.decoder.lm.ArpaModel}, strict or tolerant of irstlm's quirks), a per-thread score
 * cache ({@link org.asrnas.decoder.lm.LmCache}), interpolated modified Kneser-Ney estimation from
 * text ({@link org.asrnas.decoder.lm.KneserNeyEstimator}) and perplexity ({@link
 * org.asrnas.decoder.lm.Perplexity}).
 */
package org.asrnas.decoder.lm;
