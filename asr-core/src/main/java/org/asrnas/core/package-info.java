/**
 * Shared vocabulary of the toolkit with no native code: the checked {@link
 * org.asrnas.core.AsrInputException} for malformed input, argument checks ({@link
 * org.asrnas.core.Checks}) and seeded randomness ({@link org.asrnas.core.Seeds}). Kaldi data
 * directories live in {@code org.asrnas.core.data}, units, lexicons and text normalisation in
 * {@code org.asrnas.core.text}.
 */
package org.asrnas.core;
