package org.asrnas.frontend.stream;

/** Receives blocks of mono samples in 16-bit integer scale as they arrive. */
@FunctionalInterface
public interface SampleSink {
  /**
   * @param samples the block (reused by the caller after the call returns: copy what you keep)
   * @param length valid samples at the start of {@code samples}
   */
  void accept(float[] samples, int length);
}
