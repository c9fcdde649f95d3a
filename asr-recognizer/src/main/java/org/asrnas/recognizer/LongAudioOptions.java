package org.asrnas.recognizer;

import org.asrnas.core.Checks;
import org.asrnas.frontend.endpoint.EndpointerConfig;
import org.asrnas.frontend.features.SlidingCmvn;
import org.asrnas.frontend.stream.AudioStreams;
import org.asrnas.nas.stream.ChunkedInference;

/**
 * Options of the long-audio path of {@link Recognizer} ({@link Recognizer#recognizeLong}, {@link
 * Recognizer#stream}); docs/streaming.md explains each choice.
 *
 * @param endpointer how the recording is cut into speech segments; its {@code maxSegmentSeconds}
 *     bounds the memory and the work per segment
 * @param cmvnWindowFrames the sliding CMVN window N over the segments' speech frames (Kaldi's
 *     {@code apply-cmvn-sliding --center=true}, default 600 = 6 s); 0 normalises each segment with
 *     its own statistics, as {@link Recognizer#recognize} does an utterance
 * @param chunkFrames input frames per chunk of the network ({@link ChunkedInference}; TDNN/CNN
 *     only, a BLSTM reads each segment whole)
 * @param blockSamples samples read from a file at a time
 */
public record LongAudioOptions(
    EndpointerConfig endpointer, int cmvnWindowFrames, int chunkFrames, int blockSamples) {
  public LongAudioOptions {
    Checks.checkNotNull(endpointer, "endpointer");
    Checks.checkArgument(
        cmvnWindowFrames >= 0, "cmvnWindowFrames must be >= 0, got %s", cmvnWindowFrames);
    Checks.checkArgument(chunkFrames >= 1, "chunkFrames must be >= 1, got %s", chunkFrames);
    Checks.checkArgument(blockSamples >= 1, "blockSamples must be >= 1, got %s", blockSamples);
  }

  /** The endpointer's defaults, a 600-frame CMVN window, chunks of 1024 frames, 0.1 s blocks. */
  public static LongAudioOptions defaults() {
    return new LongAudioOptions(
        EndpointerConfig.defaults(),
        SlidingCmvn.DEFAULT_WINDOW_FRAMES,
        ChunkedInference.DEFAULT_CHUNK_FRAMES,
        AudioStreams.DEFAULT_BLOCK_SAMPLES);
  }

  public LongAudioOptions withEndpointer(EndpointerConfig v) {
    return new LongAudioOptions(v, cmvnWindowFrames, chunkFrames, blockSamples);
  }

  public LongAudioOptions withCmvnWindowFrames(int v) {
    return new LongAudioOptions(endpointer, v, chunkFrames, blockSamples);
  }

  public LongAudioOptions withChunkFrames(int v) {
    return new LongAudioOptions(endpointer, cmvnWindowFrames, v, blockSamples);
  }

  public LongAudioOptions withBlockSamples(int v) {
    return new LongAudioOptions(endpointer, cmvnWindowFrames, chunkFrames, v);
  }
}
