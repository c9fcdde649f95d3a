package org.asrnas.frontend.features;

import java.util.Arrays;
import org.asrnas.core.Checks;

/**
 * The part of a sample stream that a streaming stage still needs: samples from the absolute index
 * {@link #start()} on, appended as they arrive and dropped from the front once no frame needs them
 * any more, so memory stays at about one window however long the stream. Used by {@link
 * StreamingFbank} and the endpointer for samples, and by {@link SlidingCmvn} and {@link
 * StreamingDeltas} for feature frames (one float per value, frame t of a d-dimensional stream at
 * index t·d). Not thread-safe.
 */
public final class SampleWindow {
  private float[] data = new float[0];
  private long start;
  private int size;
  private long received;

  /** Appends {@code x[offset, offset + length)}. */
  public void append(float[] x, int offset, int length) {
    Checks.checkArgument(
        offset >= 0 && length >= 0 && offset + length <= x.length,
        "bad range %s + %s of %s samples",
        offset,
        length,
        x.length);
    int need = size + length;
    if (need > data.length) {
      data = Arrays.copyOf(data, Math.max(need, 2 * data.length));
    }
    System.arraycopy(x, offset, data, size, length);
    size += length;
    received += length;
  }

  /** Drops the held samples before the absolute index {@code keep}. */
  public void dropBefore(long keep) {
    int k = (int) Math.min(size, keep - start);
    if (k > 0) {
      System.arraycopy(data, k, data, 0, size - k);
      size -= k;
      start += k;
    }
  }

  /**
   * The held samples: {@code data()[i]} is sample {@code start() + i}, for i below {@link #size()}.
   */
  public float[] data() {
    return data;
  }

  /** Absolute index of the first held sample. */
  public long start() {
    return start;
  }

  /** Samples held. */
  public int size() {
    return size;
  }

  /** Samples appended since the last {@link #clear()}. */
  public long received() {
    return received;
  }

  /** Forgets everything (the next stream starts at index 0). */
  public void clear() {
    data = new float[0];
    start = 0;
    size = 0;
    received = 0;
  }
}
