package org.asrnas.frontend.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Test tooling: a seeded corpus of mutated audio, generated in memory at test time (nothing binary
 * is committed). Seeds are valid WAV (16-bit, float, 24-bit extensible, 8-bit, mu-law) and SPHERE
 * (16-bit PCM in both byte orders, 2-channel mu-law, shorten mono and stereo) files; mutants are
 * truncations, byte flips in the header and the body, header field rewrites (rates, channels,
 * sizes, counts, SPHERE type tokens), chunks with huge sizes, crafted shorten streams (the
 * zero-block bomb among them) and random bytes behind a magic. The same seed gives the same corpus.
 */
public final class FuzzCorpus {
  private FuzzCorpus() {}

  /**
   * One input.
   *
   * @param name what it is and how it was made (seed and mutation), for messages
   * @param valid a seed: must decode
   */
  public record Mutant(String name, byte[] bytes, boolean valid) {
    @Override
    public String toString() {
      return name + " (" + bytes.length + " bytes)";
    }
  }

  /** A seed and what mutations need to know of its layout. */
  private record Seed(
      String name, byte[] bytes, boolean wav, int headerBytes, List<String> fields, byte[] body) {}

  private static final long[] WAV_RATES = {
    0, 1, 100, 999, 1000, 8000, 44100, 384000, 384001, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL
  };
  private static final long[] WAV_SIZES = {
    0,
    1,
    2,
    15,
    16,
    18,
    40,
    0x7FFFFFF0L,
    0x7FFFFFF8L,
    0x7FFFFFFFL,
    0x80000000L,
    0xFFFFFFF0L,
    0xFFFFFFFFL
  };
  private static final String[] SPHERE_FIELDS = {
    "sample_count",
    "channel_count",
    "sample_rate",
    "sample_n_bytes",
    "sample_coding",
    "sample_byte_format",
    "database_id",
    "sample_sig_bits"
  };
  private static final String[] SPHERE_VALUES = {
    "-i 0",
    "-i 1",
    "-i 2",
    "-i -1",
    "-i -5",
    "-i -16000",
    "-i 33",
    "-i 64",
    "-i 65",
    "-i 100",
    "-i 999",
    "-i 1000",
    "-i 8000",
    "-i 16000",
    "-i 384001",
    "-i 65535",
    "-i 2147483647",
    "-i 2147483648",
    "-i 4294967296",
    "-i 4294967297",
    "-i 4294983296",
    "-i 9223372036854775807",
    "-i 99999999999999999999",
    "-i abc",
    "-i ",
    "-r 16000.0",
    "-r NaN",
    "-s-5 WSJ",
    "-s2147483647 WSJ",
    "-s2147483000 WSJ",
    "-s999 WSJ",
    "-s WSJ",
    "-s+3 WSJ",
    "-s0 ",
    "-s2 01",
    "-s2 10",
    "-s2 xx",
    "-s1 1",
    "-s4 ulaw",
    "-s4 alaw",
    "-s3 pcm",
    "-s7 pcm,foo",
    "-s7 garbage",
    "-s26 pcm,embedded-shorten-v2.00",
    "-s12 shortpack-v0",
    "-x WSJ",
    "-",
    "WSJ",
    ""
  };
  private static final String[] SPHERE_SIZES = {
    "0", "15", "16", "1023", "1025", "2048", "99999999", "-1024", "2147483647", "abcd", "", "+1024"
  };

  /** The valid seeds, each a file the reader must decode. */
  public static List<Mutant> seeds() {
    List<Mutant> out = new ArrayList<>();
    for (Seed s : seedList()) {
      out.add(new Mutant("seed:" + s.name(), s.bytes(), true));
    }
    return out;
  }

  /** {@code count} mutants of the seeds, reproducibly from {@code seed}. */
  public static List<Mutant> mutants(long seed, int count) {
    Random r = new Random(seed);
    List<Seed> seeds = seedList();
    List<Mutant> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Seed s = seeds.get(r.nextInt(seeds.size()));
      int family = r.nextInt(9);
      String tag = String.format(Locale.ROOT, "m%05d:%s:", i, s.name());
      out.add(
          switch (family) {
            case 0 -> truncate(tag, s, r.nextInt(s.bytes().length));
            case 1 -> truncate(tag, s, r.nextInt(s.headerBytes()));
            case 2 -> flips(tag, s, r, 0, s.headerBytes(), 1 + r.nextInt(4));
            case 3 -> flips(tag, s, r, s.headerBytes(), s.bytes().length, 1 + r.nextInt(8));
            case 4, 5 -> s.wav() ? wavRewrite(tag, s, r) : sphereRewrite(tag, s, r);
            case 6 -> s.wav() ? wavChunk(tag, s, r) : sphereRewrite(tag, s, r);
            case 7 -> crafted(tag, r);
            default -> random(tag, r);
          });
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ seeds

  private static List<Seed> seedList() {
    Random r = new Random(20240601);
    List<Seed> out = new ArrayList<>();
    short[] a16 = tone(r, 4800, 16000);
    short[] a8 = tone(r, 2400, 8000);
    out.add(wav("wav-s16-16k", TestWavs.wav(1, 1, 16000, 16, TestWavs.s16(a16), false)));
    ByteBuffer f = ByteBuffer.allocate(4 * a16.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : a16) {
      f.putFloat(v / 32768f);
    }
    out.add(wav("wav-f32-16k", TestWavs.wav(3, 1, 16000, 32, f.array(), false)));
    byte[] s24 = new byte[3 * a16.length];
    for (int i = 0; i < a16.length; i++) {
      s24[3 * i] = (byte) r.nextInt(256);
      s24[3 * i + 1] = (byte) a16[i];
      s24[3 * i + 2] = (byte) (a16[i] >> 8);
    }
    out.add(wav("wav-s24ext-16k", TestWavs.wav(1, 1, 16000, 24, s24, true)));
    byte[] u8 = new byte[a8.length];
    for (int i = 0; i < a8.length; i++) {
      u8[i] = (byte) ((a8[i] >> 8) + 128);
    }
    out.add(wav("wav-u8-8k", TestWavs.wav(1, 1, 8000, 8, u8, false)));
    out.add(wav("wav-ulaw-8k", TestWavs.wav(7, 1, 8000, 8, ulaw(a8), false)));
    out.add(wav("wav-s16-2ch-16k", TestWavs.wav(1, 2, 16000, 16, TestWavs.s16(a16), false)));
    String pcm = "sample_rate -i 16000\nchannel_count -i 1\nsample_n_bytes -i 2\n";
    out.add(
        sphere(
            "sph-s16-16k",
            List.of(
                "database_id -s3 WSJ",
                "sample_count -i " + a16.length,
                pcm.strip(),
                "sample_byte_format -s2 01",
                "sample_coding -s3 pcm"),
            TestWavs.s16(a16)));
    byte[] be = TestWavs.s16(a16);
    for (int i = 0; i < be.length; i += 2) {
      byte t = be[i];
      be[i] = be[i + 1];
      be[i + 1] = t;
    }
    out.add(
        sphere(
            "sph-s16be-16k",
            List.of("sample_count -i " + a16.length, pcm.strip(), "sample_byte_format -s2 10"),
            be));
    out.add(
        sphere(
            "sph-ulaw-2ch-8k",
            List.of(
                "sample_count -i " + a8.length / 2,
                "sample_rate -i 8000",
                "channel_count -i 2",
                "sample_n_bytes -i 1",
                "sample_byte_format -s1 1",
                "sample_coding -s4 ulaw"),
            ulaw(a8)));
    out.add(shortenSeed("shn-16k", new short[][] {a16}, 16000));
    short[][] st = new short[2][a8.length / 2];
    for (int i = 0; i < st[0].length; i++) {
      st[0][i] = a8[2 * i];
      st[1][i] = a8[2 * i + 1];
    }
    out.add(shortenSeed("shn-2ch-8k", st, 8000));
    return out;
  }

  private static short[] tone(Random r, int n, int rate) {
    short[] x = new short[n];
    double hz = 200 + r.nextInt(600);
    for (int i = 0; i < n; i++) {
      x[i] = (short) (3000 * Math.sin(2 * Math.PI * hz * i / rate) + 300 * r.nextGaussian());
    }
    return x;
  }

  private static byte[] ulaw(short[] x) {
    byte[] out = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      int s = x[i];
      int sign = s < 0 ? 0x80 : 0;
      int m = Math.min(32635, Math.abs(s)) + 132;
      int exp = 7;
      for (int mask = 0x4000; (m & mask) == 0 && exp > 0; mask >>= 1) {
        exp--;
      }
      int mant = (m >> (exp + 3)) & 0x0F;
      out[i] = (byte) ~(sign | (exp << 4) | mant);
    }
    return out;
  }

  private static Seed wav(String name, byte[] b) {
    int fmtSize = WavReader.le32(b, 16);
    int header = 12 + 8 + fmtSize + 8;
    return new Seed(name, b, true, header, List.of(), Arrays.copyOfRange(b, header, b.length));
  }

  private static Seed sphere(String name, List<String> fields, byte[] body) {
    byte[] b = sphereBytes("   1024", fields, body, true);
    int end = new String(b, StandardCharsets.ISO_8859_1).indexOf("end_head") + 9;
    return new Seed(name, b, false, end, fields, body);
  }

  private static Seed shortenSeed(String name, short[][] ch, int rate) {
    byte[] b = ShortenEncoder.sphere(ch, rate, 256);
    String head = new String(b, 0, 1024, StandardCharsets.ISO_8859_1);
    List<String> fields = new ArrayList<>();
    for (String l :
        head.substring(head.indexOf('\n', 8) + 1, head.indexOf("end_head")).split("\n")) {
      if (!l.isBlank()) {
        fields.add(l);
      }
    }
    return new Seed(
        name,
        b,
        false,
        head.indexOf("end_head") + 9,
        fields,
        Arrays.copyOfRange(b, 1024, b.length));
  }

  static byte[] sphereBytes(String sizeLine, List<String> fields, byte[] body, boolean endHead) {
    StringBuilder sb = new StringBuilder("NIST_1A\n").append(sizeLine).append('\n');
    for (String f : fields) {
      sb.append(f).append('\n');
    }
    if (endHead) {
      sb.append("end_head\n");
    }
    byte[] t = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] head = Arrays.copyOf(t, Math.max(1024, t.length));
    Arrays.fill(head, t.length, head.length, (byte) ' ');
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  // -------------------------------------------------------------------------------- mutations

  private static Mutant truncate(String tag, Seed s, int at) {
    return new Mutant(tag + "truncate@" + at, Arrays.copyOf(s.bytes(), at), false);
  }

  private static Mutant flips(String tag, Seed s, Random r, int from, int to, int n) {
    byte[] b = s.bytes().clone();
    StringBuilder where = new StringBuilder();
    for (int k = 0; k < n && to > from; k++) {
      int i = from + r.nextInt(to - from);
      b[i] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (b[i] ^ (1 << r.nextInt(8)));
      where.append(k == 0 ? "" : ",").append(i);
    }
    return new Mutant(tag + "flip@" + where, b, false);
  }

  private static void put(byte[] b, int at, long v, int bytes) {
    for (int k = 0; k < bytes && at + k < b.length; k++) {
      b[at + k] = (byte) (v >>> (8 * k));
    }
  }

  /** One to three fields of the canonical header set to extremes. */
  private static Mutant wavRewrite(String tag, Seed s, Random r) {
    byte[] b = s.bytes().clone();
    int fb = 20;
    int dp = s.headerBytes() - 8;
    StringBuilder what = new StringBuilder();
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n; k++) {
      long v;
      String field;
      switch (r.nextInt(9)) {
        case 0 -> {
          v = WAV_RATES[r.nextInt(WAV_RATES.length)];
          put(b, fb + 4, v, 4);
          field = "rate";
        }
        case 1 -> {
          v = new long[] {0, 1, 2, 3, 64, 65, 255, 65535}[r.nextInt(8)];
          put(b, fb + 2, v, 2);
          field = "channels";
        }
        case 2 -> {
          v = new long[] {0, 1, 7, 8, 16, 24, 32, 64, 65535}[r.nextInt(9)];
          put(b, fb + 14, v, 2);
          field = "bits";
        }
        case 3 -> {
          v = new long[] {0, 1, 2, 3, 6, 7, 0x55, 0xFFFE, 0xFFFF}[r.nextInt(9)];
          put(b, fb, v, 2);
          field = "tag";
        }
        case 4 -> {
          v = new long[] {0, 1, 3, 4, 8, 65535}[r.nextInt(6)];
          put(b, fb + 12, v, 2);
          field = "blockalign";
        }
        case 5 -> {
          v = WAV_SIZES[r.nextInt(WAV_SIZES.length)];
          put(b, 16, v, 4);
          field = "fmtsize";
        }
        case 6 -> {
          v = r.nextBoolean() ? WAV_SIZES[r.nextInt(WAV_SIZES.length)] : b.length + r.nextInt(2000);
          put(b, dp + 4, v, 4);
          field = "datasize";
        }
        case 7 -> {
          v = WAV_SIZES[r.nextInt(WAV_SIZES.length)];
          put(b, 4, v, 4);
          field = "riffsize";
        }
        default -> {
          v = new long[] {0, 1, 2, 3, 0xFFFF}[r.nextInt(5)];
          put(b, fb + 24, v, 2);
          field = "subformat";
        }
      }
      what.append(k == 0 ? "" : ",").append(field).append('=').append(v);
    }
    return new Mutant(tag + "wav:" + what, b, false);
  }

  /** A chunk with a huge or odd size inserted before 'data', or the chunks reordered. */
  private static Mutant wavChunk(String tag, Seed s, Random r) {
    byte[] b = s.bytes();
    int dp = s.headerBytes() - 8;
    if (r.nextInt(5) == 0) {
      // data before fmt
      byte[] out = new byte[b.length];
      System.arraycopy(b, 0, out, 0, 12);
      System.arraycopy(b, dp, out, 12, b.length - dp);
      System.arraycopy(b, 12, out, 12 + b.length - dp, dp - 12);
      return new Mutant(tag + "data-before-fmt", out, false);
    }
    String id = new String[] {"LIST", "JUNK", "fact", "\0\0\0\0", "fmt ", "data"}[r.nextInt(6)];
    long size =
        r.nextBoolean() ? WAV_SIZES[r.nextInt(WAV_SIZES.length)] : r.nextInt(b.length + 100);
    byte[] chunk = new byte[12];
    System.arraycopy(id.getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 0, 4);
    put(chunk, 4, size, 4);
    System.arraycopy("INFO".getBytes(StandardCharsets.US_ASCII), 0, chunk, 8, 4);
    byte[] out = new byte[b.length + 12];
    System.arraycopy(b, 0, out, 0, dp);
    System.arraycopy(chunk, 0, out, dp, 12);
    System.arraycopy(b, dp, out, dp + 12, b.length - dp);
    return new Mutant(tag + "chunk:" + id.replace('\0', '0') + "=" + size, out, false);
  }

  /** Fields set to extreme values or malformed types, dropped, shuffled; or the size line. */
  private static Mutant sphereRewrite(String tag, Seed s, Random r) {
    List<String> fields = new ArrayList<>(s.fields());
    String sizeLine = "   1024";
    boolean end = true;
    byte[] body = s.body();
    StringBuilder what = new StringBuilder();
    int n = 1 + r.nextInt(2);
    for (int k = 0; k < n; k++) {
      int kind = r.nextInt(12);
      if (kind < 8) {
        String name = SPHERE_FIELDS[r.nextInt(SPHERE_FIELDS.length)];
        String value = SPHERE_VALUES[r.nextInt(SPHERE_VALUES.length)];
        fields.removeIf(f -> f.startsWith(name + " "));
        fields.add(r.nextInt(fields.size() + 1), name + " " + value);
        what.append(name).append(' ').append(value).append(';');
      } else if (kind == 8) {
        String name = SPHERE_FIELDS[r.nextInt(SPHERE_FIELDS.length)];
        fields.removeIf(f -> f.startsWith(name + " "));
        what.append("drop ").append(name).append(';');
      } else if (kind == 9) {
        sizeLine = SPHERE_SIZES[r.nextInt(SPHERE_SIZES.length)];
        what.append("hsize ").append(sizeLine).append(';');
      } else if (kind == 10) {
        end = false;
        what.append("no end_head;");
      } else {
        java.util.Collections.shuffle(fields, r);
        body = Arrays.copyOf(body, r.nextInt(body.length + 1));
        what.append("shuffle+cut;");
      }
    }
    return new Mutant(tag + "sph:" + what, sphereBytes(sizeLine, fields, body, end), false);
  }

  private static Mutant random(String tag, Random r) {
    String[] magic = {
      "", "RIFF", "RIFF\0\0\0\0WAVE", "RIFF\u00ff\u00ff\u00ff\u00ffWAVEfmt ", "NIST_1A\n"
    };
    String m = magic[r.nextInt(magic.length)];
    byte[] pre = m.getBytes(StandardCharsets.ISO_8859_1);
    byte[] b = Arrays.copyOf(pre, pre.length + r.nextInt(3000));
    for (int i = pre.length; i < b.length; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return new Mutant(tag + "random:" + m.replaceAll("[^A-Za-z_0-9]", "."), b, false);
  }

  // ----------------------------------------------------------------- crafted shorten streams

  /** MSB-first bit writer with shorten's Rice codes. */
  static final class ShortenBits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int acc;
    private int nacc;

    ShortenBits bits(long v, int n) {
      for (int i = n - 1; i >= 0; i--) {
        acc = (acc << 1) | (int) ((v >>> i) & 1);
        if (++nacc == 8) {
          out.write(acc);
          acc = 0;
          nacc = 0;
        }
      }
      return this;
    }

    ShortenBits uvar(long v, int k) {
      for (long i = 0; i < v >>> k; i++) {
        bits(0, 1);
      }
      return bits(1, 1).bits(v & ((1L << k) - 1), k);
    }

    ShortenBits ulong(long v) {
      int k = v == 0 ? 0 : 64 - Long.numberOfLeadingZeros(v);
      return uvar(k, 2).uvar(v, k);
    }

    /** Magic, version 2 and the header fields (file type, channels, block size, maxnlpc, nmean). */
    static ShortenBits header(int type, int channels, int blocksize, int maxnlpc, int nmean) {
      ShortenBits w = new ShortenBits();
      w.bits(0x616a6b67L, 32).bits(2, 8);
      return w.ulong(type).ulong(channels).ulong(blocksize).ulong(maxnlpc).ulong(nmean).ulong(0);
    }

    ShortenBits zero() {
      return uvar(8, 2);
    }

    ShortenBits quit() {
      return uvar(4, 2);
    }

    byte[] bytes() {
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      copy.writeBytes(out.toByteArray());
      if (nacc > 0) {
        copy.write(acc << (8 - nacc));
      }
      return copy.toByteArray();
    }
  }

  /**
   * The zero-block bomb of the reliability review (F3): {@code blocks} ZERO commands of 65535
   * samples each, in a SPHERE file declaring {@code sampleCount} samples (absent when negative).
   */
  public static byte[] zeroBomb(int blocks, long sampleCount) {
    ShortenBits w = ShortenBits.header(5, 1, 65535, 0, 0);
    for (int i = 0; i < blocks; i++) {
      w.zero();
    }
    return shortenSphere(w.quit().bytes(), sampleCount, 1);
  }

  static byte[] shortenSphere(byte[] stream, long sampleCount, int channels) {
    List<String> fields = new ArrayList<>();
    if (sampleCount >= 0) {
      fields.add("sample_count -i " + sampleCount);
    }
    fields.add("sample_rate -i 16000");
    fields.add("channel_count -i " + channels);
    fields.add("sample_byte_format -s2 01");
    fields.add("sample_n_bytes -i 2");
    fields.add("sample_coding -s26 pcm,embedded-shorten-v2.00");
    return sphereBytes("   1024", fields, stream, true);
  }

  private static Mutant crafted(String tag, Random r) {
    int kind = r.nextInt(4);
    if (kind == 0) {
      int blocks = 50 + r.nextInt(3000);
      long count = new long[] {-1, 4001, 65535, 2147483647L}[r.nextInt(4)];
      return new Mutant(
          tag + "shorten-zero-bomb:" + blocks + "x65535,count=" + count,
          zeroBomb(blocks, count),
          false);
    }
    // Header fields at extremes, then random commands with random arguments.
    int type = new int[] {0, 2, 3, 5, 7, 9, 1 << 20}[r.nextInt(7)];
    int channels = new int[] {0, 1, 2, 8, 9, 1 << 16}[r.nextInt(6)];
    int blocksize = new int[] {0, 1, 256, 65535, 70000, Integer.MAX_VALUE}[r.nextInt(6)];
    int maxnlpc = new int[] {0, 2, 32, 1024, 2000}[r.nextInt(5)];
    int nmean = new int[] {0, 4, 1024, 5000}[r.nextInt(4)];
    if (kind == 1) {
      type = 5;
      channels = 1 + r.nextInt(2);
      blocksize = 256;
      maxnlpc = 2;
      nmean = 4;
    }
    ShortenBits w = ShortenBits.header(type, channels, blocksize, maxnlpc, nmean);
    StringBuilder what = new StringBuilder();
    int commands = 1 + r.nextInt(40);
    for (int i = 0; i < commands; i++) {
      int cmd = r.nextInt(13);
      what.append(cmd).append(' ');
      w.uvar(cmd, 2);
      switch (cmd) {
        case 0, 1, 2, 3 -> {
          int k = r.nextInt(r.nextInt(10) == 0 ? 40 : 8);
          w.uvar(k, 3);
          for (int j = 0; j < Math.min(blocksize, 300); j++) {
            w.uvar(r.nextInt(1 << Math.min(k + 1, 12)), k + 1);
          }
        }
        case 5 -> w.ulong(new long[] {0, 1, 100, 65536, 1L << 31}[r.nextInt(5)]);
        case 6 -> w.uvar(new int[] {0, 3, 31, 32, 40}[r.nextInt(5)], 2);
        case 7 -> {
          w.uvar(r.nextInt(4), 3);
          int order = new int[] {0, 1, 2, 3, 33, 2000}[r.nextInt(6)];
          w.uvar(order, 2);
          for (int j = 0; j < Math.min(order, 40); j++) {
            w.uvar(r.nextInt(64), 6);
          }
        }
        case 9 -> w.uvar(new int[] {0, 4, 44, 1 << 20}[r.nextInt(4)], 5);
        default -> {}
      }
    }
    if (r.nextBoolean()) {
      w.quit();
    }
    long count = new long[] {-1, 1, 256, 100000}[r.nextInt(4)];
    return new Mutant(
        tag + "shorten:type=" + type + ",ch=" + channels + ",bs=" + blocksize + ",cmds=" + what,
        shortenSphere(w.bytes(), count, Math.max(1, Math.min(channels, 64))),
        false);
  }
}
