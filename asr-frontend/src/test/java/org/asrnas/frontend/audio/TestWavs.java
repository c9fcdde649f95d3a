package org.asrnas.frontend.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for tests. */
final class TestWavs {
  private TestWavs() {}

  /** A WAV header + data with the given format tag and raw interleaved sample bytes. */
  static byte[] wav(
      int formatTag, int channels, int rate, int bits, byte[] data, boolean extensible) {
    int fmtSize = extensible ? 40 : 16;
    ByteBuffer b =
        ByteBuffer.allocate(12 + 8 + fmtSize + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + fmtSize + 8 + data.length);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize);
    b.putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) channels).putInt(rate);
    int align = channels * bits / 8;
    b.putInt(rate * align).putShort((short) align).putShort((short) bits);
    if (extensible) {
      b.putShort((short) 22).putShort((short) bits).putInt(0);
      b.putShort((short) formatTag);
      b.put(
          new byte[] {
            0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71
          });
    }
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return b.array();
  }

  static byte[] s16(short... v) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : v) {
      b.putShort(s);
    }
    return b.array();
  }

  static short[] readS16(byte[] raw) {
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    short[] out = new short[raw.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getShort();
    }
    return out;
  }
}
