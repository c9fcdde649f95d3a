/**
 * Kaldi binary archives of float matrices ({@code feats.ark} + {@code feats.scp} with byte
 * offsets), shared by the frontend (features), the trainer (log-probabilities) and the decoder.
 * Matrices are {@link org.asrnas.core.io.FloatMatrix} values: row-major, one row per frame.
 */
package org.asrnas.core.io;
