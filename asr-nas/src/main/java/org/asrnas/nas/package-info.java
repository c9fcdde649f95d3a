/**
 * The DJL side of the toolkit: CTC loss ({@code ctc}), candidate operations and models described by
 * JSON ({@code model}), and the trainer ({@code train}). The only module that loads native code.
 */
package org.asrnas.nas;
