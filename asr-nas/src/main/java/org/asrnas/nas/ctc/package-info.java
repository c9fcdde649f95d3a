/**
 * Connectionist temporal classification loss (Graves et al., ICML 2006) computed on the host in log
 * space as warp-ctc does, the CTC-CRF loss (Xiang &amp; Ou, ICASSP 2019) with its phone LM and
 * denominator graph, both with the gradient with respect to the pre-softmax activations, and their
 * injection into DJL's autograd.
 */
package org.asrnas.nas.ctc;
