/**
 * Connectionist temporal classification loss (Graves et al., ICML 2006) computed on the host in log
 * space as warp-ctc does, with the gradient with respect to the pre-softmax activations, and its
 * injection into DJL's autograd.
 */
package org.asrnas.nas.ctc;
