package org.asrnas.frontend.audio;

/**
 * ITU-T G.711 mu-law and A-law expansion to 16-bit linear PCM, the same tables as sox ({@code
 * libsox/g711.c}) and sph2pipe use (mu-law peaks at +-32124, A-law at +-32256).
 */
final class G711 {
  private G711() {}

  private static final short[] ULAW = new short[256];
  private static final short[] ALAW = new short[256];

  static {
    for (int i = 0; i < 256; i++) {
      int u = ~i & 0xff;
      int t = ((u & 0x0f) << 3) + 0x84;
      t <<= (u & 0x70) >> 4;
      ULAW[i] = (short) ((u & 0x80) != 0 ? (0x84 - t) : (t - 0x84));
      int a = i ^ 0x55;
      int v = (a & 0x0f) << 4;
      int seg = (a & 0x70) >> 4;
      if (seg == 0) {
        v += 8;
      } else if (seg == 1) {
        v += 0x108;
      } else {
        v += 0x108;
        v <<= seg - 1;
      }
      ALAW[i] = (short) ((a & 0x80) != 0 ? v : -v);
    }
  }

  static short ulaw(int b) {
    return ULAW[b & 0xff];
  }

  static short alaw(int b) {
    return ALAW[b & 0xff];
  }
}
