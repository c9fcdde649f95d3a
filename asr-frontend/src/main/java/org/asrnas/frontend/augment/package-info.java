/**
 * Data augmentation, all seeded by the caller's generator: speed perturbation (resampling, sox
 * {@code speed} semantics), additive noise at a target SNR, and SpecAugment masks on features.
 */
package org.asrnas.frontend.augment;
