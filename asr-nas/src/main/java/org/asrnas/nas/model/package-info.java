/**
 * Candidate operations ({@link org.asrnas.nas.model.OpSpec}, parsed from the op grammar of
 * docs/design.md §5), architectures described by JSON ({@link
 * org.asrnas.nas.model.ArchitectureSpec}), and the DJL network built from one ({@link
 * org.asrnas.nas.model.AcousticModel}). Activations flow as (batch, channels, time); padded frames
 * are zeroed after every layer so that they never reach a valid frame through a convolution, and
 * every forward pass reports which parameters took part so that the optimizer leaves the others
 * alone.
 */
package org.asrnas.nas.model;
