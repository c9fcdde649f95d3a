package org.asrnas.frontend.audio;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;

/**
 * RIFF WAVE: PCM 8/16/24/32-bit, IEEE float 32/64, G.711 mu-law and A-law, and
 * WAVE_FORMAT_EXTENSIBLE (the sub-format GUID picks PCM or float); any number of channels.
 */
final class WavReader {
  private WavReader() {}

  private static final int PCM = 1;
  private static final int FLOAT = 3;
  private static final int ALAW = 6;
  private static final int MULAW = 7;
  private static final int EXTENSIBLE = 0xFFFE;

  /** Where the samples are and how they are stored. */
  record Header(
      int sampleRateHz, int channels, SampleFormat format, int dataOffset, long dataBytes) {
    long frames() {
      return dataBytes / ((long) channels * format.bytes());
    }
  }

  static boolean isWav(byte[] b) {
    return b.length >= 12 && tag(b, 0).equals("RIFF") && tag(b, 8).equals("WAVE");
  }

  /**
   * Parses the header. With {@code streamed}, a data size larger than what follows (sox and
   * sph2pipe cannot seek back to fix it when writing to a pipe) means "to the end", as Kaldi
   * accepts; for files it is a truncation error.
   */
  static Header header(byte[] b, long totalLength, Path file, boolean streamed)
      throws AsrInputException {
    if (!isWav(b)) {
      throw AsrInputException.atByte(file, 0, "not a RIFF WAVE file (no RIFF....WAVE header)");
    }
    // long: a chunk size near 2^32 must not wrap the walk back into the file.
    long p = 12;
    Fmt fmt = null;
    while (true) {
      if (p + 8 > b.length) {
        throw AsrInputException.atByte(
            file,
            Math.min(p, totalLength),
            "no 'data' chunk before the end of the file (truncated WAV header?)");
      }
      int at = (int) p;
      String id = tag(b, at);
      long size = le32(b, at + 4) & 0xffffffffL;
      int body = at + 8;
      if (id.equals("fmt ")) {
        fmt = Fmt.read(b, p, body, size, file);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw AsrInputException.atByte(file, p, "'data' chunk before the 'fmt ' chunk");
        }
        return data(fmt, body, size, totalLength, file, streamed);
      }
      long next = body + size + (size & 1);
      if (next + 8 > totalLength) {
        throw AsrInputException.atByte(
            file,
            p,
            "chunk '"
                + printable(id)
                + "' declares "
                + size
                + " bytes, past the end of the file ("
                + totalLength
                + " bytes) before any 'data' chunk (corrupt or truncated WAV)");
      }
      p = next;
    }
  }

  /** The 'fmt ' chunk's fields, the format tag of WAVE_FORMAT_EXTENSIBLE resolved. */
  private record Fmt(int formatTag, long channels, long rate, int blockAlign, int bits, long body) {

    static Fmt read(byte[] b, long p, int body, long size, Path file) throws AsrInputException {
      if (body + 16 > b.length) {
        throw AsrInputException.atByte(file, b.length, "file is truncated inside the 'fmt ' chunk");
      }
      if (size < 16) {
        throw AsrInputException.atByte(file, p, "'fmt ' chunk too short (" + size + " bytes)");
      }
      int formatTag = le16(b, body);
      if (formatTag == EXTENSIBLE) {
        if (size < 40 || body + 26 > b.length) {
          throw AsrInputException.atByte(
              file, p, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk too short (" + size + " bytes)");
        }
        // The sub-format GUID starts with the plain format tag.
        formatTag = le16(b, body + 24);
      }
      return new Fmt(
          formatTag,
          le16(b, body + 2),
          le32(b, body + 4) & 0xffffffffL,
          le16(b, body + 12),
          le16(b, body + 14),
          body);
    }
  }

  /** The header once the 'data' chunk (body at {@code body}, {@code size} bytes) is found. */
  private static Header data(
      Fmt fmt, int body, long size, long totalLength, Path file, boolean streamed)
      throws AsrInputException {
    SampleFormat f = format(fmt.formatTag(), fmt.bits(), file, fmt.body());
    int ch = Limits.channels(fmt.channels(), file, fmt.body() + 2);
    int hz = Limits.sampleRate(fmt.rate(), file, fmt.body() + 4);
    if (fmt.blockAlign() != ch * f.bytes()) {
      throw AsrInputException.atByte(
          file,
          fmt.body() + 12,
          "block align "
              + fmt.blockAlign()
              + " does not match "
              + ch
              + " channels of "
              + fmt.bits()
              + " bits");
    }
    long available = totalLength - body;
    if (size > available || size == 0xffffffffL) {
      if (!streamed) {
        throw AsrInputException.atByte(
            file,
            totalLength,
            "file is truncated: the 'data' chunk declares "
                + size
                + " bytes, only "
                + available
                + " follow");
      }
      size = available;
    }
    return new Header(hz, ch, f, body, size);
  }

  static Audio read(byte[] b, Path file, boolean streamed) throws AsrInputException {
    Header h = header(b, b.length, file, streamed);
    long frames = h.frames();
    if (frames == 0) {
      throw AsrInputException.atByte(file, h.dataOffset(), "the WAV file has no samples");
    }
    float[][] ch =
        Pcm.decode(
            b,
            h.dataOffset(),
            (int) frames,
            h.channels(),
            h.format(),
            ByteOrder.LITTLE_ENDIAN,
            file,
            h.dataOffset());
    return new Audio(h.sampleRateHz(), ch);
  }

  private static SampleFormat format(int tag, int bits, Path file, long offset)
      throws AsrInputException {
    SampleFormat f =
        switch (tag) {
          case PCM ->
              switch (bits) {
                case 8 -> SampleFormat.U8;
                case 16 -> SampleFormat.S16;
                case 24 -> SampleFormat.S24;
                case 32 -> SampleFormat.S32;
                default -> null;
              };
          case FLOAT -> bits == 32 ? SampleFormat.F32 : bits == 64 ? SampleFormat.F64 : null;
          case MULAW -> bits == 8 ? SampleFormat.MULAW : null;
          case ALAW -> bits == 8 ? SampleFormat.ALAW : null;
          default -> null;
        };
    if (f == null) {
      throw AsrInputException.atByte(
          file,
          offset,
          "unsupported WAV encoding (format tag "
              + tag
              + ", "
              + bits
              + " bits); convert with: sox in.wav -e signed -b 16 out.wav");
    }
    return f;
  }

  /** A chunk id fit for a message: non-printable bytes as '?'. */
  private static String printable(String id) {
    StringBuilder sb = new StringBuilder(4);
    for (char c : id.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }

  private static String tag(byte[] b, int p) {
    return new String(b, p, 4, StandardCharsets.ISO_8859_1);
  }

  static int le16(byte[] b, int p) {
    return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
  }

  static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
  }
}
