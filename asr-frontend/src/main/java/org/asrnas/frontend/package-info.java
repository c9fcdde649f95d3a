/**
 * The acoustic front end: audio readers ({@code audio}), Kaldi-compatible features ({@code
 * features}: fbank, deltas, CMVN), feature extraction of data dirs ({@code extract}), streaming
 * ({@code stream}) and the endpointer ({@code endpoint}). Pure Java on plain arrays and {@link
 * org.asrnas.core.io.FloatMatrix} values, no native code. Data augmentation has one path each:
 * speed and noise copies of data dirs through sox in {@code wav.scp} (asr-corpus, as Kaldi's {@code
 * perturb_data_dir_speed.sh}), SpecAugment masks in training (asr-nas).
 */
package org.asrnas.frontend;
