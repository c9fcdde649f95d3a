/**
 * Audio that arrives as a stream and the features computed from it as it arrives: {@link
 * org.asrnas.frontend.stream.AudioStreams} reads standard input, a socket or a microphone through
 * TarsosDSP's {@code AudioDispatcher} in blocks, giving samples identical to {@link
 * org.asrnas.frontend.audio.AudioReader}'s for 16-bit PCM, and {@link
 * org.asrnas.frontend.stream.StreamingFrontEnd} turns them into a model's input (fbank, sliding
 * CMVN, deltas) frame by frame, equal to the same stages on the whole signal; docs/streaming.md.
 */
package org.asrnas.frontend.stream;
