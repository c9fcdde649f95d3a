package org.asrnas.frontend.audio;

import java.nio.file.Path;
import java.util.Locale;
import org.asrnas.core.AsrInputException;

/**
 * Sane bounds on what an audio header may declare, checked before anything is allocated: a corrupt
 * or crafted header must fail with a message, never drive an allocation or wrap in a narrowing
 * cast.
 */
final class Limits {
  private Limits() {}

  /**
   * Lowest sample rate accepted (telephone speech is 8 kHz; 1 Hz or 100 Hz headers are corrupt).
   */
  static final int MIN_SAMPLE_RATE_HZ = 1_000;

  /** Highest sample rate accepted (the highest rate audio interfaces record at). */
  static final int MAX_SAMPLE_RATE_HZ = 384_000;

  /** Most channels accepted (sox allows 64 too). */
  static final int MAX_CHANNELS = 64;

  /** The largest Java array, and so the largest file or channel read into memory. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Checks a declared sample rate (as read, before any narrowing). */
  static int sampleRate(long rate, Path file, long offset) throws AsrInputException {
    if (rate < MIN_SAMPLE_RATE_HZ || rate > MAX_SAMPLE_RATE_HZ) {
      throw AsrInputException.atByte(
          file,
          offset,
          String.format(
              Locale.ROOT,
              "sample rate %d Hz is implausible (%d to %d Hz are accepted): the header is corrupt;"
                  + " fix it or re-export the audio with sox",
              rate,
              MIN_SAMPLE_RATE_HZ,
              MAX_SAMPLE_RATE_HZ));
    }
    return (int) rate;
  }

  /** Checks a declared channel count (as read, before any narrowing). */
  static int channels(long channels, Path file, long offset) throws AsrInputException {
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw AsrInputException.atByte(
          file,
          offset,
          "channel count "
              + channels
              + " is implausible (1 to "
              + MAX_CHANNELS
              + " are accepted): the header is corrupt");
    }
    return (int) channels;
  }
}
