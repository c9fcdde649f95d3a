package org.asrnas.frontend.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.features.FbankConfig;
import org.junit.jupiter.api.Test;

class AudioStreamsTest {
  static final Path NAME = Path.of("-");

  /** A canonical 16-bit PCM WAV of the given samples. */
  static byte[] wav(short[] x, int rate, int channels) {
    int data = 2 * x.length;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) channels).putInt(rate);
    b.putInt(rate * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
    for (short s : x) {
      b.putShort(s);
    }
    return b.array();
  }

  /** Full-scale extremes, zero, and speech-like noise. */
  static short[] signal(int n, long seed) {
    Random rng = new Random(seed);
    short[] x = new short[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) Math.max(-32768, Math.min(32767, Math.round(9000 * rng.nextGaussian())));
    }
    if (n > 3) {
      x[0] = Short.MIN_VALUE;
      x[1] = Short.MAX_VALUE;
      x[2] = 0;
      x[3] = -1;
    }
    return x;
  }

  /** Collects what a sink receives. */
  static final class Collect implements SampleSink {
    float[] all = new float[0];
    int n;
    int blocks;

    @Override
    public void accept(float[] samples, int length) {
      if (n + length > all.length) {
        all = java.util.Arrays.copyOf(all, Math.max(n + length, 2 * all.length));
      }
      System.arraycopy(samples, 0, all, n, length);
      n += length;
      blocks++;
    }

    float[] samples() {
      return java.util.Arrays.copyOf(all, n);
    }
  }

  @Test
  void wavBytesThroughTheDispatcherEqualAudioReader() throws Exception {
    for (int n : new int[] {0, 1, 1599, 1600, 1601, 48017}) {
      byte[] bytes = wav(signal(n, n), 16000, 1);
      // AudioReader refuses a WAV without samples; a stream simply ends without a block
      float[] want = n == 0 ? new float[0] : AudioReader.decode(bytes, NAME, false).samples();
      for (int block : new int[] {1, 160, 1600, 4096}) {
        Collect c = new Collect();
        int rate = AudioStreams.readWav(new ByteArrayInputStream(bytes), NAME, block, c);
        assertEquals(16000, rate);
        assertArrayEquals(want, c.samples(), "n=" + n + " block=" + block);
        assertEquals((n + block - 1) / block, c.blocks, "blocks of at most " + block);
      }
    }
  }

  @Test
  void aPipedStreamIsReadAsItArrives() throws Exception {
    byte[] bytes = wav(signal(8000, 3), 8000, 1);
    PipedOutputStream out = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(out, 512);
    Thread writer =
        new Thread(
            () -> {
              try (out) {
                for (int i = 0; i < bytes.length; i += 333) {
                  out.write(bytes, i, Math.min(333, bytes.length - i));
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    Collect c = new Collect();
    assertEquals(8000, AudioStreams.readWav(in, NAME, 800, c));
    writer.join();
    assertArrayEquals(AudioReader.decode(bytes, NAME, false).samples(), c.samples());
  }

  @Test
  void rawPcmIsReadAtTheGivenRate() throws Exception {
    short[] x = signal(5000, 4);
    byte[] bytes = wav(x, 16000, 1);
    byte[] raw = java.util.Arrays.copyOfRange(bytes, 44, bytes.length);
    Collect c = new Collect();
    AudioStreams.readRaw(new ByteArrayInputStream(raw), 16000, NAME, 1000, c);
    assertArrayEquals(AudioReader.decode(bytes, NAME, false).samples(), c.samples());
  }

  @Test
  void badStreamsGetAClearError() {
    AsrInputException stereo =
        assertThrows(
            AsrInputException.class,
            () ->
                AudioStreams.readWav(
                    new ByteArrayInputStream(wav(signal(100, 1), 16000, 2)),
                    NAME,
                    160,
                    new Collect()));
    assertTrue(stereo.getMessage().contains("mono 16-bit"), stereo.getMessage());
    AsrInputException junk =
        assertThrows(
            AsrInputException.class,
            () ->
                AudioStreams.readWav(
                    new ByteArrayInputStream(
                        "hello, not audio at all".getBytes(StandardCharsets.US_ASCII)),
                    NAME,
                    160,
                    new Collect()));
    assertTrue(junk.getMessage().contains("16-bit PCM WAV"), junk.getMessage());
    byte[] bytes = wav(signal(20000, 2), 16000, 1);
    InputStream failing =
        new InputStream() {
          int at;

          @Override
          public int read() throws IOException {
            if (at >= 20000) {
              throw new IOException("connection reset");
            }
            return bytes[at++] & 0xff;
          }
        };
    IOException e =
        assertThrows(
            IOException.class, () -> AudioStreams.readWav(failing, NAME, 160, new Collect()));
    assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
  }

  @Test
  void theStreamingFrontEndEqualsTheWholeSignalPipeline() {
    short[] x = signal(16000 * 9 + 77, 7);
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = x[i];
    }
    FbankConfig fc = FbankConfig.defaults().withDither(0);
    for (StreamingFrontEnd.Options o :
        new StreamingFrontEnd.Options[] {
          StreamingFrontEnd.Options.defaults(),
          StreamingFrontEnd.Options.defaults().withNormVars(true).withCmvnWindowFrames(100),
          StreamingFrontEnd.Options.defaults().withCmvnWindowFrames(0)
        }) {
      StreamingFrontEnd fe = new StreamingFrontEnd(fc, o);
      FloatMatrix want = StreamingFrontEnd.whole(f, fc, o);
      FloatMatrix got = new FloatMatrix(0, fe.outputDim(), new float[0]);
      Random rng = new Random(1);
      int at = 0;
      while (at < f.length) {
        int n = Math.min(f.length - at, rng.nextInt(5000));
        got = StreamingFrontEnd.concat(got, fe.accept(f, at, n));
        at += n;
      }
      got = StreamingFrontEnd.concat(got, fe.finish());
      assertEquals(want.rows(), got.rows());
      assertEquals(120, got.cols());
      for (int i = 0; i < want.data().length; i++) {
        assertEquals(want.data()[i], got.data()[i], 1e-4, o.toString());
      }
    }
  }
}
