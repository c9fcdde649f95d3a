/**
 * The acoustic front end: audio readers ({@code audio}), Kaldi-compatible features ({@code
 * features}: fbank, deltas, CMVN) and data augmentation ({@code augment}). Pure Java on plain
 * arrays and {@link org.asrnas.core.io.FloatMatrix} values, no native code.
 */
package org.asrnas.frontend;
