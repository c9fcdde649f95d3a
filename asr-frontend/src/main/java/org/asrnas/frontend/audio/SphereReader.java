package org.asrnas.frontend.audio;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Messages;

/**
 * NIST SPHERE audio as LDC distributes it: 16-bit PCM in either byte order ({@code
 * sample_byte_format} {@code 01} little-endian, {@code 10} big-endian), 8-bit mu-law ({@code ulaw},
 * {@code mu-law}) and A-law, 1 or more interleaved channels, and {@code
 * embedded-shorten-v2.00}-compressed samples (WSJ {@code .wv1}).
 */
final class SphereReader {
  private SphereReader() {}

  static Audio read(byte[] b, Path file) throws AsrInputException {
    SphereHeader h = SphereHeader.parse(b, file);
    // Every count is checked as the 64-bit value the header holds, before any narrowing.
    int rate = Limits.sampleRate(integer(h, "sample_rate", file, null), file, 16);
    int channels = Limits.channels(integer(h, "channel_count", file, 1L), file, 16);
    long widthField = integer(h, "sample_n_bytes", file, 2L);
    if (widthField < 1 || widthField > 4) {
      throw AsrInputException.atByte(
          file, 16, "sample_n_bytes " + widthField + " is not 1, 2, 3 or 4: the header is corrupt");
    }
    int width = (int) widthField;
    String coding = h.string("sample_coding").orElse("pcm").strip().toLowerCase(Locale.ROOT);
    String byteFormat = byteFormat(h, width, file);
    long declared = sampleCount(h, file);
    String[] parts = coding.split(",");
    boolean shorten = false;
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].startsWith("embedded-shorten-")) {
        shorten = true;
      } else {
        throw unknownCoding(file, coding);
      }
    }
    if (shorten) {
      return new Audio(rate, shorten(b, h, file, channels, declared));
    }
    SampleFormat f =
        switch (parts[0]) {
          case "pcm" ->
              switch (width) {
                case 1 -> SampleFormat.S8;
                case 2 -> SampleFormat.S16;
                case 3 -> SampleFormat.S24;
                case 4 -> SampleFormat.S32;
                default -> null;
              };
          case "ulaw", "mu-law", "mulaw", "u-law" -> SampleFormat.MULAW;
          case "alaw", "a-law" -> SampleFormat.ALAW;
          default -> null;
        };
    if (f == null || f.bytes() != width) {
      throw unknownCoding(file, coding + " with sample_n_bytes " + width);
    }
    ByteOrder order = byteFormat.equals("10") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    return new Audio(rate, samples(b, h, file, channels, declared, f, order));
  }

  /** {@code sample_byte_format}: 01 little-endian, 10 big-endian, 1 for one-byte samples. */
  private static String byteFormat(SphereHeader h, int width, Path file) throws AsrInputException {
    String byteFormat = h.string("sample_byte_format").orElse(width == 1 ? "1" : "01").strip();
    if (!(byteFormat.equals("01") || byteFormat.equals("10") || byteFormat.equals("1"))
        || byteFormat.equals("1") && width != 1) {
      throw AsrInputException.atByte(
          file,
          16,
          "sample_byte_format '"
              + abbreviate(byteFormat)
              + "' is not 01 (little-endian), 10 (big-endian) or, for 1-byte samples, 1");
    }
    return byteFormat;
  }

  /** {@code sample_count} (samples per channel), -1 when absent; 0 or negative is an error. */
  private static long sampleCount(SphereHeader h, Path file) throws AsrInputException {
    Long count = h.integer("sample_count").orElse(null);
    if (count == null && h.fields().containsKey("sample_count")) {
      throw AsrInputException.atByte(file, 16, "sample_count is not an integer (-i)");
    }
    long declared = count == null ? -1 : count;
    if (count != null && count < 0) {
      throw AsrInputException.atByte(
          file, 16, "sample_count " + count + " is negative: the header is corrupt");
    }
    if (declared == 0) {
      throw AsrInputException.atByte(file, 0, "sample_count is 0: the file has no audio");
    }
    return declared;
  }

  /** The shorten-compressed samples after the header, checked against the header's counts. */
  private static float[][] shorten(byte[] b, SphereHeader h, Path file, int channels, long declared)
      throws AsrInputException {
    float[][] ch = Shorten.decode(b, h.headerBytes(), file, declared);
    if (ch.length != channels) {
      throw AsrInputException.atByte(
          file,
          h.headerBytes(),
          "shorten stream has " + ch.length + " channels, header says " + channels);
    }
    if (declared >= 0 && ch[0].length < declared) {
      throw AsrInputException.atByte(
          file,
          b.length,
          "shorten stream holds " + ch[0].length + " samples, header sample_count is " + declared);
    }
    if (ch[0].length == 0) {
      throw AsrInputException.atByte(file, h.headerBytes(), "the file has no samples");
    }
    return ch;
  }

  /** The uncompressed (PCM, mu-law, A-law) samples after the header; truncation is an error. */
  private static float[][] samples(
      byte[] b,
      SphereHeader h,
      Path file,
      int channels,
      long declared,
      SampleFormat f,
      ByteOrder order)
      throws AsrInputException {
    int frameBytes = f.bytes() * channels;
    long available = (b.length - h.headerBytes()) / frameBytes;
    long frames = declared >= 0 ? declared : available;
    if (frames > available) {
      throw AsrInputException.atByte(
          file,
          b.length,
          "file is truncated: sample_count "
              + declared
              + " needs more than the "
              + available
              + " frames of "
              + frameBytes
              + " bytes the file holds after its "
              + h.headerBytes()
              + "-byte header");
    }
    if (frames == 0) {
      throw AsrInputException.atByte(file, h.headerBytes(), "the file has no samples");
    }
    return Pcm.decode(b, h.headerBytes(), (int) frames, channels, f, order, file, h.headerBytes());
  }

  /** An integer field; {@code fallback} when absent (null: required). */
  private static long integer(SphereHeader h, String name, Path file, Long fallback)
      throws AsrInputException {
    Object v = h.fields().get(name);
    if (v == null) {
      if (fallback == null) {
        throw AsrInputException.atByte(file, 16, "SPHERE header has no " + name + " field");
      }
      return fallback;
    }
    if (!(v instanceof Long l)) {
      throw AsrInputException.atByte(
          file, 16, name + " '" + abbreviate(String.valueOf(v)) + "' is not an integer (-i)");
    }
    return l;
  }

  private static String abbreviate(String s) {
    return Messages.abbreviate(s, 27);
  }

  private static AsrInputException unknownCoding(Path file, String coding) {
    return new UnsupportedCodingException(
        file,
        16,
        "unsupported sample_coding '"
            + coding
            + "' (pcm, ulaw, alaw and embedded-shorten are supported); convert with sph2pipe");
  }
}
