package org.asrnas.frontend.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Test tooling: a shorten version-2 encoder (16-bit signed little-endian, fixed polynomial
 * predictors DIFF0..DIFF3 and an order-2 quantised LPC (QLPC) chosen per block by coded size, ZERO
 * blocks, running means with nmean 4, a final shorter BLOCKSIZE), embedded in a NIST SPHERE header
 * as LDC's {@code .wv1}. The stream starts with a verbatim 44-byte RIFF header because FFmpeg's
 * decoder requires one. Nothing in Debian writes shorten; FFmpeg decodes it, which is how the
 * decoder is cross-checked.
 *
 * <p>{@code java ... ShortenEncoder in.raw(s16le) channels rate out.sph}
 */
public final class ShortenEncoder {
  private static final int NMEAN = 4;
  private static final int NWRAP = 3;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int acc;
  private int nacc;

  private void bit(int b) {
    acc = (acc << 1) | (b & 1);
    if (++nacc == 8) {
      out.write(acc);
      acc = 0;
      nacc = 0;
    }
  }

  private void bits(long v, int n) {
    for (int i = n - 1; i >= 0; i--) {
      bit((int) (v >>> i) & 1);
    }
  }

  private void uvar(long v, int k) {
    long high = v >>> k;
    for (long i = 0; i < high; i++) {
      bit(0);
    }
    bit(1);
    bits(v & ((1L << k) - 1), k);
  }

  private void svar(long v, int k) {
    long u = v >= 0 ? v << 1 : ((~v) << 1) | 1;
    uvar(u, k + 1);
  }

  private void ulong(long v) {
    int k = v == 0 ? 0 : 64 - Long.numberOfLeadingZeros(v);
    uvar(k, 2);
    uvar(v, k);
  }

  /** Encodes interleaved int16 samples of {@code channels} channels; returns the shorten stream. */
  public static byte[] encode(short[][] ch, int rate, int blocksize) {
    ShortenEncoder e = new ShortenEncoder();
    qlpcBlocks = 0;
    int channels = ch.length;
    int n = ch[0].length;
    e.bits(0x616a6b67L, 32); // "ajkg"
    e.bits(2, 8);
    e.ulong(5); // TYPE_S16LH
    e.ulong(channels);
    e.ulong(blocksize);
    e.ulong(2); // maxnlpc
    e.ulong(NMEAN);
    e.ulong(0); // skip bytes
    byte[] riff = riffHeader(channels, rate, n);
    e.uvar(9, 2);
    e.uvar(riff.length, 5);
    for (byte b : riff) {
      e.uvar(b & 0xff, 8);
    }
    int[][] hist = new int[channels][NWRAP];
    int[][] offset = new int[channels][NMEAN];
    int bs = blocksize;
    for (int start = 0; start < n; start += bs) {
      if (n - start < bs) {
        bs = n - start;
        e.uvar(5, 2);
        e.ulong(bs);
      }
      for (int c = 0; c < channels; c++) {
        int[] x = new int[NWRAP + bs];
        System.arraycopy(hist[c], 0, x, 0, NWRAP);
        boolean zero = true;
        for (int i = 0; i < bs; i++) {
          x[NWRAP + i] = ch[c][start + i];
          zero &= x[NWRAP + i] == 0;
        }
        int sumMeans = NMEAN / 2;
        for (int m : offset[c]) {
          sumMeans += m;
        }
        int coffset = sumMeans / NMEAN;
        if (zero) {
          e.uvar(8, 2);
        } else {
          int bestOrder = 0;
          long bestCost = Long.MAX_VALUE;
          int bestK = 0;
          long[][] res = new long[4][bs];
          for (int order = 0; order <= 3; order++) {
            long sumAbs = 0;
            for (int i = 0; i < bs; i++) {
              int j = NWRAP + i;
              long pred =
                  switch (order) {
                    case 0 -> coffset;
                    case 1 -> x[j - 1];
                    case 2 -> 2L * x[j - 1] - x[j - 2];
                    default -> 3L * x[j - 1] - 3L * x[j - 2] + x[j - 3];
                  };
              res[order][i] = x[j] - pred;
              sumAbs += Math.abs(res[order][i]);
            }
            int k = riceParameter(sumAbs, bs);
            long cost = 0;
            for (int i = 0; i < bs; i++) {
              long u = res[order][i] >= 0 ? res[order][i] << 1 : ((~res[order][i]) << 1) | 1;
              cost += (u >>> (k + 1)) + k + 2;
            }
            if (cost < bestCost) {
              bestCost = cost;
              bestOrder = order;
              bestK = k;
            }
          }
          // QLPC of order 2 on the mean-removed signal y = x - coffset, coefficients in 1/32.
          int[] q = lpc2(x, coffset);
          long[] qres = new long[bs];
          long qAbs = 0;
          for (int i = 0; i < bs; i++) {
            int j = NWRAP + i;
            int sum = 32 + q[0] * (x[j - 1] - coffset) + q[1] * (x[j - 2] - coffset);
            qres[i] = (x[j] - coffset) - (sum >> 5);
            qAbs += Math.abs(qres[i]);
          }
          int qk = riceParameter(qAbs, bs);
          long qCost = 2 + 6 + 2 * 12;
          for (int i = 0; i < bs; i++) {
            long u = qres[i] >= 0 ? qres[i] << 1 : ((~qres[i]) << 1) | 1;
            qCost += (u >>> (qk + 1)) + qk + 2;
          }
          if (qCost < bestCost) {
            e.uvar(7, 2);
            e.uvar(qk, 3);
            e.uvar(2, 2);
            e.svar(q[0], 5);
            e.svar(q[1], 5);
            for (int i = 0; i < bs; i++) {
              e.svar(qres[i], qk);
            }
            qlpcBlocks++;
          } else {
            e.uvar(bestOrder, 2);
            e.uvar(bestK, 3);
            for (int i = 0; i < bs; i++) {
              e.svar(res[bestOrder][i], bestK);
            }
          }
        }
        int sum = bs / 2;
        for (int i = 0; i < bs; i++) {
          sum += zero ? 0 : x[NWRAP + i];
        }
        System.arraycopy(offset[c], 1, offset[c], 0, NMEAN - 1);
        offset[c][NMEAN - 1] = sum / bs;
        System.arraycopy(x, bs, hist[c], 0, NWRAP);
      }
    }
    e.uvar(4, 2); // QUIT
    while (e.nacc != 0) {
      e.bit(0);
    }
    return e.out.toByteArray();
  }

  /** Blocks coded with QLPC by the last {@link #encode} call (tests check the path is used). */
  static int qlpcBlocks;

  /** Least-squares order-2 predictor of x - m over the block (with history), quantised to 1/32. */
  private static int[] lpc2(int[] x, int m) {
    double r11 = 0;
    double r12 = 0;
    double r22 = 0;
    double b1 = 0;
    double b2 = 0;
    for (int j = NWRAP; j < x.length; j++) {
      double y0 = x[j] - m;
      double y1 = x[j - 1] - m;
      double y2 = x[j - 2] - m;
      r11 += y1 * y1;
      r12 += y1 * y2;
      r22 += y2 * y2;
      b1 += y0 * y1;
      b2 += y0 * y2;
    }
    double det = r11 * r22 - r12 * r12;
    if (Math.abs(det) < 1e-9) {
      return new int[] {32, 0};
    }
    double a1 = (b1 * r22 - b2 * r12) / det;
    double a2 = (b2 * r11 - b1 * r12) / det;
    return new int[] {
      (int) Math.max(-127, Math.min(127, Math.round(a1 * 32))),
      (int) Math.max(-127, Math.min(127, Math.round(a2 * 32)))
    };
  }

  private static int riceParameter(long sumAbs, int n) {
    double mean = (double) sumAbs / Math.max(1, n);
    int k = 0;
    while (k < 7 && (1L << (k + 1)) < mean) {
      k++;
    }
    return k;
  }

  private static byte[] riffHeader(int channels, int rate, int frames) {
    int data = frames * channels * 2;
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2);
    b.putShort((short) (channels * 2)).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
    return b.array();
  }

  /** A 1024-byte SPHERE header for shorten-coded 16-bit samples, as in LDC's WSJ files. */
  public static byte[] sphere(short[][] ch, int rate, int blocksize) {
    String fields =
        String.format(
            Locale.ROOT,
            "database_id -s3 WSJ%nsample_count -i %d%nsample_rate -i %d%nchannel_count -i %d%n"
                + "sample_byte_format -s2 01%nsample_n_bytes -i 2%nsample_sig_bits -i 16%n"
                + "sample_coding -s26 pcm,embedded-shorten-v2.00%nend_head%n",
            ch[0].length,
            rate,
            ch.length);
    byte[] head = new byte[1024];
    java.util.Arrays.fill(head, (byte) ' ');
    byte[] t = ("NIST_1A\n   1024\n" + fields).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, head, 0, t.length);
    byte[] body = encode(ch, rate, blocksize);
    byte[] all = new byte[1024 + body.length];
    System.arraycopy(head, 0, all, 0, 1024);
    System.arraycopy(body, 0, all, 1024, body.length);
    return all;
  }

  public static void main(String[] args) throws IOException {
    byte[] raw = Files.readAllBytes(Path.of(args[0]));
    int channels = Integer.parseInt(args[1]);
    int rate = Integer.parseInt(args[2]);
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int frames = raw.length / 2 / channels;
    short[][] ch = new short[channels][frames];
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        ch[c][i] = b.getShort();
      }
    }
    Files.write(Path.of(args[3]), sphere(ch, rate, 256));
  }
}
