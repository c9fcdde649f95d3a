package org.asrnas.frontend.audio;

import java.nio.file.Path;
import org.asrnas.core.AsrInputException;

/**
 * Decoder for shorten (Robinson 1994, "SHORTEN: simple lossless and near-lossless waveform
 * compression", CUED/F-INFENG/TR.156), the {@code embedded-shorten-v2.00} coding of LDC SPHERE
 * files such as WSJ's {@code .wv1}. Bitstream: magic {@code ajkg}, version byte, then Rice-coded
 * header fields and per-block commands (fixed polynomial predictors DIFF0..3, quantised LPC, ZERO,
 * BLOCKSIZE, BITSHIFT, VERBATIM, QUIT), with running channel means ({@code nmean}). Semantics
 * follow the reference decoder and FFmpeg's {@code libavcodec/shorten.c}, against which it is
 * tested.
 *
 * <p>Over 400 lines because the bit reader, the header, the per-block state and the predictors are
 * one bitstream format whose parts share private constants and are tested only through {@link
 * #decode}; splitting them into files would expose internals of a package-private codec.
 */
final class Shorten {
  private Shorten() {}

  private static final int FN_DIFF0 = 0;
  private static final int FN_QUIT = 4;
  private static final int FN_BLOCKSIZE = 5;
  private static final int FN_BITSHIFT = 6;
  private static final int FN_QLPC = 7;
  private static final int FN_ZERO = 8;
  private static final int FN_VERBATIM = 9;
  private static final int TYPE_U8 = 2;
  private static final int TYPE_S16HL = 3;
  private static final int TYPE_S16LH = 5;
  private static final int LPCQUANT = 5;
  private static final int[][] FIXED = {{}, {1}, {2, -1}, {3, -3, 1}};

  /**
   * Most samples (all channels) decoded per byte of stream. Speech costs at least a few bits per
   * sample, and even digital silence at the usual block size of 256 is about 410 samples per byte;
   * one 5-bit ZERO command of a 65535-sample block is 100,000, which is how a 6 KB file could claim
   * gigabytes.
   */
  static final int MAX_SAMPLES_PER_BYTE = 1024;

  /** Samples always allowed, so that a tiny valid file of one large block decodes. */
  private static final long MIN_SAMPLE_BUDGET = 1 << 17;

  /** MSB-first bit reader with Rice codes, errors naming the byte offset in the file. */
  static final class Bits {
    private final byte[] b;
    private final int end;
    private final Path file;
    private final long fileBase;
    private final int start;
    private long pos; // bit position

    Bits(byte[] b, int start, int end, Path file, long fileBase) {
      this.b = b;
      this.start = start;
      this.end = end;
      this.file = file;
      this.fileBase = fileBase;
      this.pos = (long) start * 8;
    }

    long byteOffset() {
      return fileBase + (pos / 8 - start);
    }

    int bit() throws AsrInputException {
      int i = (int) (pos >>> 3);
      if (i >= end) {
        throw AsrInputException.atByte(
            file, byteOffset(), "shorten stream ends early (truncated file?)");
      }
      int v = (b[i] >> (7 - (int) (pos & 7))) & 1;
      pos++;
      return v;
    }

    int bits(int n) throws AsrInputException {
      int v = 0;
      for (int k = 0; k < n; k++) {
        v = (v << 1) | bit();
      }
      return v;
    }

    /** Unsigned Rice code: zeros terminated by a one (the high part), then {@code k} low bits. */
    int uvar(int k) throws AsrInputException {
      int high = 0;
      while (bit() == 0) {
        high++;
        if (high > (1 << 24)) {
          throw AsrInputException.atByte(file, byteOffset(), "corrupt shorten Rice code");
        }
      }
      return (high << k) | bits(k);
    }

    /** Signed: uvar(k + 1), low bit is the sign (odd = ~(u >> 1)). */
    int svar(int k) throws AsrInputException {
      int u = uvar(k + 1);
      return (u & 1) != 0 ? ~(u >>> 1) : (u >>> 1);
    }

    int ulong(int version, int k) throws AsrInputException {
      if (version != 0) {
        k = uvar(2);
      }
      return uvar(k);
    }
  }

  /**
   * Decodes a shorten stream into per-channel int16-scale samples.
   *
   * <p>Decoding stops once every channel holds {@code maxSamples}, and fails once the stream has
   * produced more than {@link #MAX_SAMPLES_PER_BYTE} samples per byte of its size.
   *
   * @param maxSamples samples per channel to keep (the SPHERE {@code sample_count}); -1 for all
   */
  static float[][] decode(byte[] b, int start, Path file, long maxSamples)
      throws AsrInputException {
    if (b.length - start < 5
        || b[start] != 'a'
        || b[start + 1] != 'j'
        || b[start + 2] != 'k'
        || b[start + 3] != 'g') {
      throw AsrInputException.atByte(file, start, "missing shorten magic 'ajkg'");
    }
    Bits in = new Bits(b, start, b.length, file, start);
    in.bits(32);
    Header h = Header.read(in, b.length - start, file, start);
    Channels ch = new Channels(h, file, b.length - start);
    while (true) {
      long cmdAt = in.byteOffset();
      int cmd = in.uvar(2);
      switch (cmd) {
        case FN_QUIT -> {
          return finish(ch.out, h.type(), maxSamples);
        }
        case FN_VERBATIM -> {
          int len = in.uvar(5);
          for (int i = 0; i < len; i++) {
            in.uvar(8);
          }
        }
        case FN_BITSHIFT -> {
          ch.bitshift = in.uvar(2);
          if (ch.bitshift < 0 || ch.bitshift > 31) {
            throw AsrInputException.atByte(file, cmdAt, "invalid shorten bitshift " + ch.bitshift);
          }
        }
        case FN_BLOCKSIZE -> {
          int bs = in.ulong(h.version(), 31 - Integer.numberOfLeadingZeros(ch.blocksize));
          if (bs < 1 || bs > ch.blocksize) {
            throw AsrInputException.atByte(file, cmdAt, "invalid shorten block size " + bs);
          }
          ch.blocksize = bs;
        }
        case 0, 1, 2, 3, FN_QLPC, FN_ZERO -> {
          ch.block(in, cmd, cmdAt);
          if (ch.chan == 0 && maxSamples >= 0 && minSize(ch.out) >= maxSamples) {
            // sample_count reached on every channel: the rest of the stream is not needed.
            return finish(ch.out, h.type(), maxSamples);
          }
        }
        default ->
            throw AsrInputException.atByte(
                file, cmdAt, "unknown shorten command " + cmd + " (corrupt stream?)");
      }
    }
  }

  /**
   * The stream header after the magic: version, file type, channels and (version 1 on) block size,
   * LPC order limit, running-mean length and a skipped byte count.
   */
  private record Header(
      int version, int type, int channels, int blocksize, int maxnlpc, int nmean, int mean0) {

    static Header read(Bits in, int streamBytes, Path file, int start) throws AsrInputException {
      int version = in.bits(8);
      if (version > 3) {
        throw AsrInputException.atByte(file, start + 4, "unsupported shorten version " + version);
      }
      int type = in.ulong(version, 4);
      int channels = in.ulong(version, 0);
      if (channels < 1 || channels > 8) {
        throw AsrInputException.atByte(file, in.byteOffset(), "shorten channel count " + channels);
      }
      int blocksize = 256;
      int maxnlpc = 0;
      int nmean = version < 2 ? 0 : 4;
      if (version > 0) {
        blocksize = in.ulong(version, 8);
        maxnlpc = in.ulong(version, 2);
        nmean = in.ulong(version, 0);
        int skip = in.ulong(version, 1);
        if (skip < 0 || skip > streamBytes) {
          throw AsrInputException.atByte(
              file, in.byteOffset(), "shorten header skips " + skip + " bytes, past the stream");
        }
        for (int i = 0; i < skip; i++) {
          in.bits(8);
        }
      }
      if (blocksize < 1
          || blocksize > 65535
          || maxnlpc < 0
          || maxnlpc > 1024
          || nmean < 0
          || nmean > 1024) {
        throw AsrInputException.atByte(
            file,
            in.byteOffset(),
            "implausible shorten header (block size "
                + blocksize
                + ", maxnlpc "
                + maxnlpc
                + ", nmean "
                + nmean
                + ")");
      }
      int mean0 =
          switch (type) {
            case TYPE_U8 -> 0x80;
            case TYPE_S16HL, TYPE_S16LH -> 0;
            default ->
                throw new UnsupportedCodingException(
                    file,
                    start + 5,
                    "shorten file type "
                        + type
                        + " not supported (8-bit unsigned or 16-bit signed only; the mu-law"
                        + " shorten types 0, 7 and 8 are not): put LDC's sph2pipe in wav.scp and"
                        + " on PATH");
          };
      return new Header(version, type, channels, blocksize, maxnlpc, nmean, mean0);
    }
  }

  /**
   * The decoder's state across blocks: per channel, the last {@code nwrap} samples (the predictor's
   * history) and the running block means; the current block size, bit shift and channel; the
   * decoded samples and the sample budget.
   */
  private static final class Channels {
    final int version;
    final int nmean;
    final int nwrap;
    final int lpcqoffset;
    final int[][] offset;
    final int[][] buf;
    final int[] coeffs;
    final IntBuffer[] out;
    final Path file;
    final int streamBytes;
    final long budget;
    int blocksize;
    int bitshift;
    int chan;
    long decoded;

    Channels(Header h, Path file, int streamBytes) {
      this.version = h.version();
      this.nmean = h.nmean();
      this.nwrap = Math.max(3, h.maxnlpc());
      this.lpcqoffset = version > 1 ? 1 << LPCQUANT : 0;
      this.offset = new int[h.channels()][Math.max(1, nmean)];
      for (int[] o : offset) {
        java.util.Arrays.fill(o, h.mean0());
      }
      this.buf = new int[h.channels()][nwrap + 65535];
      this.coeffs = new int[nwrap];
      this.out = new IntBuffer[h.channels()];
      for (int c = 0; c < out.length; c++) {
        out[c] = new IntBuffer();
      }
      this.file = file;
      this.streamBytes = streamBytes;
      this.budget =
          Math.min(
              Limits.MAX_ARRAY,
              Math.max(MIN_SAMPLE_BUDGET, (long) MAX_SAMPLES_PER_BYTE * streamBytes));
      this.blocksize = h.blocksize();
    }

    /** One audio block (DIFF0..3, QLPC or ZERO) of the current channel, then the next channel. */
    void block(Bits in, int cmd, long cmdAt) throws AsrInputException {
      int residualSize = 0;
      if (cmd != FN_ZERO) {
        residualSize = in.uvar(3);
        if (version == 0) {
          residualSize--;
        }
      }
      int[] x = buf[chan];
      int[] off = offset[chan];
      int coffset = mean(off);
      if (cmd == FN_ZERO) {
        java.util.Arrays.fill(x, nwrap, nwrap + blocksize, 0);
      } else {
        predict(in, cmd, cmdAt, x, coffset, residualSize);
      }
      if (nmean > 0) {
        int sum = version < 2 ? 0 : blocksize / 2;
        for (int i = nwrap; i < nwrap + blocksize; i++) {
          sum += x[i];
        }
        System.arraycopy(off, 1, off, 0, nmean - 1);
        off[nmean - 1] = version < 2 ? sum / blocksize : (sum / blocksize) << bitshift;
      }
      System.arraycopy(x, blocksize, x, 0, nwrap);
      decoded += blocksize;
      if (decoded > budget) {
        throw AsrInputException.atByte(
            file,
            cmdAt,
            "shorten stream decodes to more than "
                + budget
                + " samples from "
                + streamBytes
                + " bytes (over "
                + MAX_SAMPLES_PER_BYTE
                + " per byte): a corrupt or crafted file");
      }
      for (int i = nwrap; i < nwrap + blocksize; i++) {
        out[chan].add(x[i] << bitshift);
      }
      chan = (chan + 1) % out.length;
    }

    /** The channel's running mean: the DC offset that the predictors work around. */
    private int mean(int[] off) {
      if (nmean == 0) {
        return off[0];
      }
      int sum = version < 2 ? 0 : nmean / 2;
      for (int i = 0; i < nmean; i++) {
        sum += off[i];
      }
      int coffset = sum / nmean;
      if (version >= 2 && bitshift != 0) {
        coffset = (coffset >> (bitshift - 1)) >> 1;
      }
      return coffset;
    }

    /** The block's samples from a fixed polynomial (DIFF0..3) or quantised LPC predictor. */
    private void predict(Bits in, int cmd, long cmdAt, int[] x, int coffset, int residualSize)
        throws AsrInputException {
      int order;
      int[] cf;
      int qshift;
      if (cmd == FN_QLPC) {
        order = in.uvar(2);
        if (order > nwrap) {
          throw AsrInputException.atByte(file, cmdAt, "invalid shorten LPC order " + order);
        }
        for (int i = 0; i < order; i++) {
          coeffs[i] = in.svar(LPCQUANT);
        }
        cf = coeffs;
        qshift = LPCQUANT;
        if (coffset != 0) {
          for (int i = nwrap - order; i < nwrap; i++) {
            x[i] -= coffset;
          }
        }
      } else {
        order = cmd;
        cf = FIXED[cmd];
        qshift = 0;
      }
      int init = order != 0 ? (cmd == FN_QLPC ? lpcqoffset : 0) : coffset;
      for (int i = nwrap; i < nwrap + blocksize; i++) {
        int sum = init;
        for (int j = 0; j < order; j++) {
          sum += cf[j] * x[i - j - 1];
        }
        x[i] = in.svar(residualSize) + (sum >> qshift);
      }
      if (cmd == FN_QLPC && coffset != 0) {
        for (int i = nwrap; i < nwrap + blocksize; i++) {
          x[i] += coffset;
        }
      }
    }
  }

  private static int minSize(IntBuffer[] out) {
    int n = Integer.MAX_VALUE;
    for (IntBuffer o : out) {
      n = Math.min(n, o.size);
    }
    return n;
  }

  private static float[][] finish(IntBuffer[] out, int type, long maxSamples) {
    int n = out[0].size;
    for (IntBuffer o : out) {
      n = Math.min(n, o.size);
    }
    if (maxSamples >= 0 && maxSamples < n) {
      n = (int) maxSamples;
    }
    float[][] ch = new float[out.length][n];
    for (int c = 0; c < out.length; c++) {
      for (int i = 0; i < n; i++) {
        int v = out[c].data[i];
        if (type == TYPE_U8) {
          ch[c][i] = (Math.max(0, Math.min(255, v)) - 128) * 256f;
        } else {
          ch[c][i] = Math.max(-32768, Math.min(32767, v));
        }
      }
    }
    return ch;
  }

  private static final class IntBuffer {
    int[] data = new int[4096];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, (int) Math.min(Limits.MAX_ARRAY, 2L * size));
      }
      data[size++] = v;
    }
  }
}
