/**
 * Words and units: pronunciation lexicons in CMUdict format ({@link org.asrnas.core.text.Lexicon}),
 * the CTC unit inventory with the blank at id 0 ({@link org.asrnas.core.text.Units}), transcript
 * normalisation ({@link org.asrnas.core.text.TextNormalizer}) and out-of-vocabulary reports ({@link
 * org.asrnas.core.text.OovReport}).
 */
package org.asrnas.core.text;
