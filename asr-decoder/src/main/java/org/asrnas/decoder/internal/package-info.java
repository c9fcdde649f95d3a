/** Allocation-free data structures shared by the decoders and the language models. */
package org.asrnas.decoder.internal;
