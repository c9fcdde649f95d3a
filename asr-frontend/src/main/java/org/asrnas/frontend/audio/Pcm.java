package org.asrnas.frontend.audio;

import java.nio.ByteOrder;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;

/** Deinterleaves and scales stored samples to 16-bit integer scale (see {@link Audio}). */
final class Pcm {
  private Pcm() {}

  /**
   * Decodes {@code frames} frames of {@code channels} interleaved samples starting at {@code
   * offset}.
   *
   * @throws AsrInputException on a NaN or infinite float sample (naming its byte offset)
   */
  static float[][] decode(
      byte[] b,
      int offset,
      int frames,
      int channels,
      SampleFormat f,
      ByteOrder order,
      Path file,
      long fileOffset)
      throws AsrInputException {
    float[][] out = new float[channels][frames];
    int w = f.bytes();
    boolean le = order == ByteOrder.LITTLE_ENDIAN;
    int p = offset;
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++, p += w) {
        float v;
        switch (f) {
          case U8 -> v = ((b[p] & 0xff) - 128) * 256f;
          case S8 -> v = b[p] * 256f;
          case MULAW -> v = G711.ulaw(b[p]);
          case ALAW -> v = G711.alaw(b[p]);
          case S16 ->
              v = (short) (le ? (b[p] & 0xff) | (b[p + 1] << 8) : (b[p + 1] & 0xff) | (b[p] << 8));
          case S24 -> {
            int x =
                le
                    ? (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16)
                    : (b[p + 2] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p] << 16);
            v = x / 256f;
          }
          case S32 -> v = int32(b, p, le) / 65536f;
          case F32 -> {
            float x = Float.intBitsToFloat(int32(b, p, le));
            if (!Float.isFinite(x)) {
              throw nonFinite(file, fileOffset + p - offset, x);
            }
            v = x * 32768f;
          }
          case F64 -> {
            long lo = int32(b, le ? p : p + 4, le) & 0xffffffffL;
            long hi = int32(b, le ? p + 4 : p, le);
            double x = Double.longBitsToDouble((hi << 32) | lo);
            if (!Double.isFinite(x)) {
              throw nonFinite(file, fileOffset + p - offset, x);
            }
            v = (float) (x * 32768.0);
          }
          default -> throw new IllegalStateException(f.toString());
        }
        out[c][i] = v;
      }
    }
    return out;
  }

  private static int int32(byte[] b, int p, boolean le) {
    return le
        ? (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24)
        : (b[p + 3] & 0xff) | ((b[p + 2] & 0xff) << 8) | ((b[p + 1] & 0xff) << 16) | (b[p] << 24);
  }

  private static AsrInputException nonFinite(Path file, long at, double x) {
    return AsrInputException.atByte(
        file, at, "sample is " + x + "; float audio must be finite (re-export the file)");
  }
}
