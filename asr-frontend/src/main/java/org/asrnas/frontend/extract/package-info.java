/**
 * Batch feature extraction for a Kaldi data directory ({@code asr features}): parallel across
 * utterances, sharded and resumable archives, {@code feats.scp}, {@code utt2num_frames},
 * per-speaker {@code cmvn.scp}, and a report of the utterances that could not be read.
 */
package org.asrnas.frontend.extract;
