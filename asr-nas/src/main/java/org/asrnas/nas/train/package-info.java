/**
 * Training of a fixed network with CTC: feature loading (per-speaker CMVN and deltas on load),
 * length-bucketed batches, SpecAugment, Adam that updates only the parameters that took part in a
 * step, the ST-NAS retrain schedule, atomic checkpoints with bit-for-bit resume, CSV logs, and
 * inference to Kaldi archives of log-probabilities.
 */
package org.asrnas.nas.train;
