package org.asrnas.frontend.audio;

import java.nio.ByteOrder;
import org.asrnas.core.Checks;

/**
 * The layout of headerless audio ({@code .raw}, {@code .pcm}): rate, interleaved channels, sample
 * format and byte order. Example: {@code new RawFormat(8000, 1, SampleFormat.S16,
 * ByteOrder.LITTLE_ENDIAN)} for {@code sox -t raw -r 8000 -e signed -b 16 -c 1}.
 */
public record RawFormat(int sampleRateHz, int channels, SampleFormat format, ByteOrder order) {
  public RawFormat {
    Checks.checkArgument(sampleRateHz > 0, "sample rate must be > 0, got %s", sampleRateHz);
    Checks.checkArgument(channels >= 1, "channels must be >= 1, got %s", channels);
    Checks.checkNotNull(format, "format");
    Checks.checkNotNull(order, "order");
  }

  /** 16-bit little-endian mono, the common case. */
  public static RawFormat s16le(int sampleRateHz) {
    return new RawFormat(sampleRateHz, 1, SampleFormat.S16, ByteOrder.LITTLE_ENDIAN);
  }
}
