package org.asrnas.frontend.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.WavEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio findings of the reliability review ({@code reviews/reliability.md}), each reproduced
 * with a small synthesised input: F1 (low-rate headers, unbounded resampling), F2 (parser crashes
 * on huge chunk sizes and {@code -s-5} fields), F3 (the shorten zero-block bomb), F9 (pipes without
 * limits) and F14 (header values wrapped or accepted silently).
 */
class ReliabilityRegressionTest {
  @TempDir Path dir;

  private static byte[] goodWav() {
    short[] x = new short[24000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (short) (3000 * Math.sin(i * 0.1));
    }
    return TestWavs.wav(1, 1, 16000, 16, TestWavs.s16(x), false);
  }

  private static byte[] withRate(byte[] wav, long rate) {
    byte[] b = wav.clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, (int) rate).putInt(28, 2);
    return b;
  }

  private AsrInputException rejected(byte[] bytes, String... fragments) throws Exception {
    Path f = dir.resolve("bad.audio");
    Files.write(f, bytes);
    AsrInputException e = assertThrows(AsrInputException.class, () -> AudioReader.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    for (String s : fragments) {
      assertTrue(e.getMessage().contains(s), e.getMessage());
    }
    return e;
  }

  private static long allocated() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
            && t.isThreadAllocatedMemorySupported()
        ? t.getCurrentThreadAllocatedBytes()
        : 0;
  }

  // ------------------------------------------------------------------------------------- F1

  @Test
  void f1WavClaiming1HzOr100HzIsRejectedBeforeDecoding() throws Exception {
    // The review's rate1.wav: 1.5 s of 16 kHz audio whose header says 1 Hz (byte rate 2).
    rejected(withRate(goodWav(), 1), "(byte 24)", "sample rate 1 Hz", "1000 to 384000");
    rejected(withRate(goodWav(), 100), "sample rate 100 Hz");
    rejected(withRate(goodWav(), 999), "sample rate 999 Hz");
    rejected(withRate(goodWav(), 384_001), "sample rate 384001 Hz");
    assertEquals(1000, AudioReader.decode(withRate(goodWav(), 1000), dir, false).sampleRateHz());
  }

  @Test
  void f1ResamplingOutputIsBoundedWithAnErrorNamingTheFile() throws Exception {
    Path src = dir.resolve("long.wav");
    // 2^27 / 384 + 1 samples at 1 kHz resample to more than the maximum at 384 kHz.
    Audio a = Audio.mono(1000, new float[(int) (Resampler.MAX_OUTPUT_SAMPLES / 384) + 1]);
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> Resampler.resample(a, 384_000, src));
    assertTrue(e.getMessage().startsWith(src.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("more than the " + Resampler.MAX_OUTPUT_SAMPLES), e.getMessage());
    // The lowest accepted rate still resamples (16x) at a size proportional to the file.
    Audio low = AudioReader.decode(withRate(goodWav(), 1000), src, false);
    assertEquals(24000 * 16, Resampler.resample(low, 16000, src).numSamples());
    // Lengths are computed in long: n * 16000 overflowed int once n > 134,217.
    assertEquals(3_000_000_000L, new Resampler(1000, 16000).outputLength(187_500_000L));
  }

  // ------------------------------------------------------------------------------------- F2

  @Test
  void f2HugeChunkSizeBeforeDataIsAnInputErrorNotStringIndexOutOfBounds() throws Exception {
    byte[] good = goodWav();
    for (long size : new long[] {0xFFFFFFF0L, 0x7FFFFFF8L, 0x7FFFFFFFL, 0xFFFFFFFFL}) {
      // The review's list.wav: b[:36] + 'LIST' + size + 'INFO' + b[36:].
      ByteBuffer b = ByteBuffer.allocate(good.length + 12).order(ByteOrder.LITTLE_ENDIAN);
      b.put(good, 0, 36).put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt((int) size);
      b.put("INFO".getBytes(StandardCharsets.US_ASCII)).put(good, 36, good.length - 36);
      rejected(b.array(), "(byte 36)", "chunk 'LIST' declares " + size + " bytes");
    }
    byte[] fmtHuge = good.clone();
    ByteBuffer.wrap(fmtHuge).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7FFFFFF0);
    rejected(fmtHuge, "chunk 'fmt ' declares");
  }

  @Test
  void f2SphereStringFieldWithNegativeOrHugeLengthIsAnInputError() throws Exception {
    String h = "sample_rate -i 16000\nchannel_count -i 1\nsample_n_bytes -i 2\n";
    byte[] body = new byte[2000];
    rejected(
        AudioReaderTest.sphere(h + "database_id -s-5 WSJ\n", body),
        "malformed type -s-5",
        "expected -sN");
    rejected(
        AudioReaderTest.sphere(h + "database_id -s2147483647 WSJ\n", body),
        "declares 2147483647 bytes, past the end");
    rejected(AudioReaderTest.sphere(h + "database_id -s WSJ\n", body), "malformed type -s ");
    rejected(AudioReaderTest.sphere(h + "database_id -s+3 WSJ\n", body), "malformed type -s+3");
  }

  // ------------------------------------------------------------------------------------- F3

  @Test
  void f3ZeroBlockBombStopsAtSampleCountWithBoundedAllocation() throws Exception {
    // The review's 6 KB file: 8000 ZERO blocks of 65535 samples (524 M samples), sample_count 4001.
    byte[] bomb = FuzzCorpus.zeroBomb(8000, 4001);
    assertTrue(bomb.length < 7000, "bomb is " + bomb.length + " bytes");
    long before = allocated();
    Audio a = AudioReader.decode(bomb, dir.resolve("bomb.sph"), false);
    long used = allocated() - before;
    assertEquals(4001, a.numSamples());
    assertTrue(used < 16L << 20, "allocated " + used + " bytes for a 6 KB file");
  }

  @Test
  void f3ZeroBlockBombWithoutOrWithHugeSampleCountFailsFast() throws Exception {
    // The 11.6 KB file that ran out of memory, with sample_count absent or larger than the stream.
    for (long count : new long[] {-1, 2_147_483_647L, 1_114_095_000L}) {
      byte[] bomb = FuzzCorpus.zeroBomb(17000, count);
      long before = allocated();
      rejected(bomb, "shorten stream decodes to more than", "per byte");
      long used = allocated() - before;
      assertTrue(used < 256L << 20, "allocated " + used + " bytes for a 12 KB file");
    }
  }

  // ------------------------------------------------------------------------------------- F9

  @Test
  void f9EndlessPipeIsCutAtTheOutputLimit() throws Exception {
    PipeLimits limits = PipeLimits.defaults().withMaxOutputBytes(1 << 20);
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () -> AudioReader.read(new WavEntry("zero", "cat /dev/zero |"), limits));
    assertTrue(e.getMessage().startsWith("wav.scp[zero]"), e.getMessage());
    assertTrue(e.getMessage().contains("wrote more than 1048576 bytes"), e.getMessage());
  }

  @Test
  void f9HangingPipeTimesOutAndItsChildrenAreKilled() throws Exception {
    Path pid = dir.resolve("pid");
    // bash forks sleep in the background and waits: killing only bash would orphan sleep.
    String cmd = "bash -c 'sleep 1000 & echo $! > " + pid + "; wait' |";
    PipeLimits limits = PipeLimits.defaults().withTimeout(Duration.ofMillis(1500));
    AsrInputException e =
        assertThrows(
            AsrInputException.class, () -> AudioReader.read(new WavEntry("hang", cmd), limits));
    assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    long child = Long.parseLong(Files.readString(pid).strip());
    List<Boolean> alive = new ArrayList<>();
    ProcessHandle.of(child).ifPresent(h -> alive.add(h.isAlive()));
    assertFalse(alive.contains(true), "sleep " + child + " outlived the timeout");
  }

  @Test
  void f9NonRegularFileIsReadBounded() throws Exception {
    PipeLimits limits = PipeLimits.defaults().withMaxOutputBytes(1 << 20);
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> AudioReader.read(Path.of("/dev/zero"), limits));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  // ------------------------------------------------------------------------------------ F14

  @Test
  void f14SphereCountsThatWrapOrAreNegativeAreRejected() throws Exception {
    byte[] body = new byte[4000];
    String rate = "sample_rate -i 16000\n";
    String base = "sample_n_bytes -i 2\nsample_count -i 2000\n";
    rejected(
        AudioReaderTest.sphere(rate + base + "channel_count -i 4294967297\n", body),
        "channel count 4294967297");
    rejected(
        AudioReaderTest.sphere("sample_rate -i 4294983296\nchannel_count -i 1\n" + base, body),
        "sample rate 4294983296 Hz");
    rejected(
        AudioReaderTest.sphere(rate + "channel_count -i 65\n" + base, body), "channel count 65");
    rejected(
        AudioReaderTest.sphere(
            rate + "channel_count -i 1\n" + base + "sample_byte_format -s2 xx\n", body),
        "sample_byte_format 'xx'");
    rejected(
        AudioReaderTest.sphere(
            rate + "channel_count -i 1\nsample_n_bytes -i 2\nsample_count -i -5\n", body),
        "sample_count -5 is negative");
    rejected(
        AudioReaderTest.sphere(
            rate + "channel_count -i 1\nsample_n_bytes -i 4294967298\nsample_count -i 5\n", body),
        "sample_n_bytes 4294967298");
  }

  @Test
  void f14WavWith65535ChannelsIsRejected() throws Exception {
    // Consistent otherwise: 8-bit PCM, block align 65535.
    byte[] b = TestWavs.wav(1, 1, 16000, 8, new byte[65535 * 2], false);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 65535);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(32, (short) 65535);
    rejected(b, "(byte 22)", "channel count 65535");
  }
}
