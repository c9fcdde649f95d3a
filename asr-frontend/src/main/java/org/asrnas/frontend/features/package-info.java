/**
 * Features with Kaldi semantics: {@link org.asrnas.frontend.features.Fbank} ({@code
 * compute-fbank-feats}), {@link org.asrnas.frontend.features.Deltas} ({@code add-deltas}) and
 * {@link org.asrnas.frontend.features.Cmvn} ({@code compute-cmvn-stats}, {@code apply-cmvn}). Their
 * streaming forms take input in pieces and equal them on the whole utterance: {@link
 * org.asrnas.frontend.features.StreamingFbank}, {@link
 * org.asrnas.frontend.features.StreamingDeltas}, and the online CMVN {@link
 * org.asrnas.frontend.features.SlidingCmvn} ({@code apply-cmvn-sliding}). Matrices are (frames,
 * dim), one row per frame.
 */
package org.asrnas.frontend.features;
