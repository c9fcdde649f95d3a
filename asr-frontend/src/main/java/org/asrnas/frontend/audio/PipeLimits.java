package org.asrnas.frontend.audio;

import java.time.Duration;
import org.asrnas.core.Checks;

/**
 * Limits on a {@code wav.scp} pipe ({@code command |}) run through the shell: a command that runs
 * longer than {@code timeout}, or writes more than {@code maxOutputBytes}, is killed with all its
 * descendants and its utterance fails with a message. The same byte limit bounds reads of files
 * that are not regular files (a FIFO, {@code /dev/zero}), whose size is not known in advance.
 *
 * @param timeout wall-clock time from start to the end of the command's output and exit
 * @param maxOutputBytes most bytes read from the command's standard output
 */
public record PipeLimits(Duration timeout, long maxOutputBytes) {
  /** Default timeout: five minutes, ample for sox or ffmpeg on an hour of audio. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** Default output limit: 256 MiB, 2.3 hours of 16-bit 16 kHz mono WAV. */
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 256L << 20;

  public PipeLimits {
    Checks.checkNotNull(timeout, "timeout");
    Checks.checkArgument(
        !timeout.isNegative() && !timeout.isZero(), "pipe timeout must be > 0, got %s", timeout);
    Checks.checkArgument(
        maxOutputBytes > 0 && maxOutputBytes <= Limits.MAX_ARRAY,
        "pipe output limit must be in [1, %s] bytes, got %s",
        Limits.MAX_ARRAY,
        maxOutputBytes);
  }

  public static PipeLimits defaults() {
    return new PipeLimits(DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES);
  }

  public PipeLimits withTimeout(Duration v) {
    return new PipeLimits(v, maxOutputBytes);
  }

  public PipeLimits withMaxOutputBytes(long v) {
    return new PipeLimits(timeout, v);
  }
}
