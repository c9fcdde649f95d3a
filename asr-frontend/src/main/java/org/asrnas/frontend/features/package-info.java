/**
 * Features with Kaldi semantics: {@link org.asrnas.frontend.features.Fbank} ({@code
 * compute-fbank-feats}), {@link org.asrnas.frontend.features.Deltas} ({@code add-deltas}) and
 * {@link org.asrnas.frontend.features.Cmvn} ({@code compute-cmvn-stats}, {@code apply-cmvn}).
 * Matrices are (frames, dim), one row per frame.
 */
package org.asrnas.frontend.features;
