package org.asrnas.frontend.audio;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import org.asrnas.core.AsrInputException;

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
    int rate =
        (int) (long) h.integer("sample_rate").orElseThrow(() -> missing(file, "sample_rate"));
    int channels = (int) (long) h.integer("channel_count").orElse(1L);
    int width = (int) (long) h.integer("sample_n_bytes").orElse(2L);
    String coding = h.string("sample_coding").orElse("pcm").strip().toLowerCase(Locale.ROOT);
    String byteFormat = h.string("sample_byte_format").orElse("01").strip();
    long declared = h.integer("sample_count").orElse(-1L);
    if (rate <= 0 || channels < 1 || channels > 32) {
      throw AsrInputException.atByte(
          file, 0, "implausible header: sample_rate " + rate + ", channel_count " + channels);
    }
    if (declared == 0) {
      throw AsrInputException.atByte(file, 0, "sample_count is 0: the file has no audio");
    }
    String[] parts = coding.split(",");
    String base = parts[0];
    boolean shorten = false;
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].startsWith("embedded-shorten-")) {
        shorten = true;
      } else {
        throw unknownCoding(file, coding);
      }
    }
    if (shorten) {
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
            "shorten stream holds "
                + ch[0].length
                + " samples, header sample_count is "
                + declared);
      }
      if (ch[0].length == 0) {
        throw AsrInputException.atByte(file, h.headerBytes(), "the file has no samples");
      }
      return new Audio(rate, ch);
    }
    SampleFormat f =
        switch (base) {
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
    ByteOrder order = byteFormat.startsWith("10") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    int frameBytes = width * channels;
    long available = (b.length - h.headerBytes()) / frameBytes;
    long frames = declared >= 0 ? declared : available;
    if (frames > available) {
      throw AsrInputException.atByte(
          file,
          b.length,
          "file is truncated: sample_count "
              + declared
              + " needs "
              + (h.headerBytes() + declared * frameBytes)
              + " bytes, the file has "
              + b.length);
    }
    if (frames == 0) {
      throw AsrInputException.atByte(file, h.headerBytes(), "the file has no samples");
    }
    float[][] ch =
        Pcm.decode(b, h.headerBytes(), (int) frames, channels, f, order, file, h.headerBytes());
    return new Audio(rate, ch);
  }

  private static AsrInputException missing(Path file, String field) {
    return AsrInputException.atByte(file, 16, "SPHERE header has no " + field + " field");
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
