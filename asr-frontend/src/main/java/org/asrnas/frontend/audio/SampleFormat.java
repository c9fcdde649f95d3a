package org.asrnas.frontend.audio;

/** How one sample is stored, for raw PCM and inside WAV and SPHERE files. */
public enum SampleFormat {
  /** Unsigned 8-bit, 128 = silence (WAV's 8-bit PCM). */
  U8(1),
  /** Signed 8-bit. */
  S8(1),
  S16(2),
  S24(3),
  S32(4),
  /** IEEE float in [-1, 1]. */
  F32(4),
  F64(8),
  /** G.711 mu-law, one byte. */
  MULAW(1),
  /** G.711 A-law, one byte. */
  ALAW(1);

  private final int bytes;

  SampleFormat(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per sample. */
  public int bytes() {
    return bytes;
  }
}
