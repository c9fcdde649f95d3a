package org.asrnas.frontend.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.Utterance;
import org.asrnas.core.data.WavEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioReaderTest {
  @TempDir Path dir;

  static Path resource(String name) throws Exception {
    return Path.of(AudioReaderTest.class.getResource("/audio/" + name).toURI());
  }

  /** Interleaved reference samples as written by sox or ffmpeg ({@code -t raw -e signed -b 16}). */
  static void assertMatchesReference(Audio a, String refName) throws Exception {
    short[] ref = TestWavs.readS16(Files.readAllBytes(resource(refName)));
    int ch = a.numChannels();
    assertEquals(ref.length, a.numSamples() * ch, "sample count");
    for (int i = 0; i < a.numSamples(); i++) {
      for (int c = 0; c < ch; c++) {
        if (ref[i * ch + c] != a.channels()[c][i]) {
          throw new AssertionError(
              "sample "
                  + i
                  + " channel "
                  + c
                  + ": "
                  + a.channels()[c][i]
                  + " vs "
                  + ref[i * ch + c]);
        }
      }
    }
  }

  @Test
  void shortenSphereDecodesToFfmpegsSamples() throws Exception {
    Audio mono = AudioReader.read(resource("shorten_mono16k.sph"));
    assertEquals(16000, mono.sampleRateHz());
    assertEquals(4001, mono.numSamples());
    assertMatchesReference(mono, "shorten_mono16k.ffmpeg.s16");
    Audio stereo = AudioReader.read(resource("shorten_stereo8k.sph"));
    assertEquals(2, stereo.numChannels());
    assertMatchesReference(stereo, "shorten_stereo8k.ffmpeg.s16");
    // The committed files exercise every command the encoder writes, QLPC included.
    short[] ref = TestWavs.readS16(Files.readAllBytes(resource("shorten_mono16k.ffmpeg.s16")));
    byte[] again = ShortenEncoder.sphere(new short[][] {ref}, 16000, 256);
    assertArrayEquals(Files.readAllBytes(resource("shorten_mono16k.sph")), again);
    assertTrue(ShortenEncoder.qlpcBlocks > 0, "no QLPC blocks");
  }

  @Test
  void shortenEncoderRoundTripsThroughOurDecoder() throws Exception {
    short[][] x = new short[1][1000];
    for (int i = 0; i < 1000; i++) {
      x[0][i] = (short) (i * 37 % 2001 - 1000 + (i > 500 ? 20000 : 0));
    }
    Path f = dir.resolve("x.sph");
    Files.write(f, ShortenEncoder.sphere(x, 16000, 128));
    Audio a = AudioReader.read(f);
    for (int i = 0; i < 1000; i++) {
      assertEquals(x[0][i], a.samples()[i], 0);
    }
  }

  @Test
  void twoChannelMuLawSphereMatchesSox() throws Exception {
    Audio a = AudioReader.read(resource("ulaw_stereo8k.sph"));
    assertEquals(8000, a.sampleRateHz());
    assertEquals(2, a.numChannels());
    assertMatchesReference(a, "ulaw_stereo8k.sox.s16");
  }

  @Test
  void sph2pipeAndSoxRemixPipesSelectTheChannelWithoutRunningAnything() throws Exception {
    Path f = resource("ulaw_stereo8k.sph");
    Audio both = AudioReader.read(f);
    Audio c2 = AudioReader.read(new WavEntry("r", "sph2pipe -f wav -p -c 2 " + f + " |"));
    assertArrayEquals(both.channels()[1], c2.samples());
    Audio c1 = AudioReader.read(new WavEntry("r", "/usr/bin/sox " + f + " -t wav - remix 1 |"));
    assertArrayEquals(both.channels()[0], c1.samples());
    Audio range =
        AudioReader.read(new WavEntry("r", "sph2pipe -f wav -p -c 1 -t 0.1:0.2 " + f + " |"));
    assertEquals(800, range.numSamples());
    assertEquals(both.channels()[0][800], range.samples()[0], 0);
  }

  @Test
  void otherPipesRunThroughBash() throws Exception {
    Path f = resource("ulaw_stereo8k.sph");
    Audio a = AudioReader.read(new WavEntry("r", "cat " + f + " | cat |"));
    assertEquals(AudioReader.read(f), a);
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () -> AudioReader.read(new WavEntry("rec7", "echo oops >&2; exit 3 |")));
    assertTrue(
        e.getMessage().contains("rec7") && e.getMessage().contains("exit status 3"),
        e.getMessage());
    assertTrue(e.getMessage().contains("oops"), e.getMessage());
  }

  @Test
  void pipeRecognition() {
    assertInstanceOf(PipeCommand.Native.class, PipeCommand.parse("sph2pipe -f wav a.wv1"));
    assertInstanceOf(PipeCommand.Native.class, PipeCommand.parse("sph2pipe -p -c 2 '/x y/a.sph'"));
    assertEquals(
        "/x y/a.sph", ((PipeCommand.Native) PipeCommand.parse("sph2pipe '/x y/a.sph'")).file());
    assertInstanceOf(PipeCommand.Shell.class, PipeCommand.parse("sph2pipe -u a.sph"));
    assertInstanceOf(PipeCommand.Shell.class, PipeCommand.parse("sox a.wav -t wav - speed 0.9"));
    assertInstanceOf(PipeCommand.Shell.class, PipeCommand.parse("sph2pipe a.sph | sox - x"));
    assertInstanceOf(PipeCommand.Shell.class, PipeCommand.parse("flac -dc $HOME/a.flac"));
  }

  @Test
  void wavFormatsScaleToInt16Range() throws Exception {
    byte[] pcm16 = TestWavs.s16((short) 1000, (short) -2000, (short) 32767, (short) -32768);
    Audio a = AudioReader.decode(TestWavs.wav(1, 2, 16000, 16, pcm16, false), dir, false);
    assertArrayEquals(new float[] {1000, 32767}, a.channels()[0]);
    assertArrayEquals(new float[] {-2000, -32768}, a.channels()[1]);
    Audio ext = AudioReader.decode(TestWavs.wav(1, 2, 16000, 16, pcm16, true), dir, false);
    assertEquals(a, ext);
    byte[] u8 = {(byte) 128, (byte) 255, 0};
    assertArrayEquals(
        new float[] {0, 127 * 256, -128 * 256},
        AudioReader.decode(TestWavs.wav(1, 1, 8000, 8, u8, false), dir, false).samples());
    byte[] s24 = {0x00, 0x10, 0x00, 0x00, 0x00, (byte) 0x80}; // 4096 and -8388608
    assertArrayEquals(
        new float[] {16, -32768},
        AudioReader.decode(TestWavs.wav(1, 1, 8000, 24, s24, false), dir, false).samples());
    ByteBuffer s32 =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1000 << 16).putInt(-1 << 31);
    assertArrayEquals(
        new float[] {1000, -32768},
        AudioReader.decode(TestWavs.wav(1, 1, 8000, 32, s32.array(), false), dir, false).samples());
    ByteBuffer f32 =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1f);
    assertArrayEquals(
        new float[] {16384, -32768},
        AudioReader.decode(TestWavs.wav(3, 1, 8000, 32, f32.array(), true), dir, false).samples());
    ByteBuffer f64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25);
    assertArrayEquals(
        new float[] {8192},
        AudioReader.decode(TestWavs.wav(3, 1, 8000, 64, f64.array(), false), dir, false).samples());
  }

  @Test
  void g711TablesMatchTheStandard() {
    assertEquals(0, G711.ulaw(0xFF));
    assertEquals(-32124, G711.ulaw(0x00));
    assertEquals(32124, G711.ulaw(0x80));
    assertEquals(8, G711.alaw(0xD5));
    assertEquals(-8, G711.alaw(0x55));
    assertEquals(32256, G711.alaw(0xAA));
    assertEquals(-32256, G711.alaw(0x2A));
  }

  static byte[] sphere(String fields, byte[] data) {
    byte[] h = new byte[1024];
    java.util.Arrays.fill(h, (byte) ' ');
    byte[] t = ("NIST_1A\n   1024\n" + fields + "end_head\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, h, 0, t.length);
    byte[] all = new byte[1024 + data.length];
    System.arraycopy(h, 0, all, 0, 1024);
    System.arraycopy(data, 0, all, 1024, data.length);
    return all;
  }

  @Test
  void spherePcmBothByteOrdersAndHeaderFields() throws Exception {
    String common =
        "sample_rate -i 16000\nchannel_count -i 1\nsample_n_bytes -i 2\nsample_count -i 2\n";
    byte[] be =
        sphere(
            common + "sample_byte_format -s2 10\nutterance_id -s7 a b c d\n",
            new byte[] {0x01, 0x02, (byte) 0xff, (byte) 0xfe});
    assertArrayEquals(new float[] {258, -2}, AudioReader.decode(be, dir, false).samples());
    byte[] le =
        sphere(
            common + "sample_byte_format -s2 01\n",
            new byte[] {0x02, 0x01, (byte) 0xfe, (byte) 0xff});
    assertArrayEquals(new float[] {258, -2}, AudioReader.decode(le, dir, false).samples());
    SphereHeader h = SphereHeader.parse(be, dir);
    assertEquals("a b c d", h.string("utterance_id").orElseThrow());
    assertEquals(16000L, h.integer("sample_rate").orElseThrow());
    byte[] alaw =
        sphere(
            "sample_rate -i 8000\nchannel_count -i 1\nsample_n_bytes -i 1\nsample_coding -s4 alaw\n",
            new byte[] {(byte) 0xD5, 0x2A});
    assertArrayEquals(new float[] {8, -32256}, AudioReader.decode(alaw, dir, false).samples());
  }

  private void assertBadInput(byte[] bytes, String... fragments) throws Exception {
    Path f = dir.resolve("bad.audio");
    Files.write(f, bytes);
    AsrInputException e = assertThrows(AsrInputException.class, () -> AudioReader.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("(byte "), e.getMessage());
    for (String s : fragments) {
      assertTrue(e.getMessage().contains(s), e.getMessage());
    }
  }

  @Test
  void badInputNamesFileAndByteOffset() throws Exception {
    byte[] ok = TestWavs.wav(1, 1, 16000, 16, TestWavs.s16((short) 1, (short) 2, (short) 3), false);
    assertBadInput(java.util.Arrays.copyOf(ok, ok.length - 2), "truncated");
    assertBadInput(java.util.Arrays.copyOf(ok, 30), "truncated");
    assertBadInput(TestWavs.wav(1, 1, 16000, 16, new byte[0], false), "no samples");
    assertBadInput(new byte[0], "empty");
    assertBadInput(
        "hello world, not audio".getBytes(StandardCharsets.US_ASCII), "unknown audio format");
    ByteBuffer nan =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0f).putFloat(Float.NaN);
    assertBadInput(TestWavs.wav(3, 1, 8000, 32, nan.array(), false), "(byte 48)", "NaN");
    String h = "sample_rate -i 8000\nchannel_count -i 1\nsample_n_bytes -i 2\n";
    assertBadInput(sphere(h + "sample_count -i 10\n", new byte[4]), "sample_count 10");
    assertBadInput(sphere(h + "sample_coding -s12 shortpack-v0\n", new byte[4]), "shortpack");
    assertBadInput(sphere(h + "sample_count -i 0\n", new byte[0]), "sample_count is 0");
    byte[] shn = Files.readAllBytes(resource("shorten_mono16k.sph"));
    assertBadInput(java.util.Arrays.copyOf(shn, shn.length / 2), "shorten stream ends early");
  }

  @Test
  void segmentsCutAsExtractSegments() throws Exception {
    float[] x = new float[16000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    Audio a = Audio.mono(16000, x);
    Audio cut = AudioReader.applySegment(a, new Segment("u", "r", 0.25, 0.5), dir);
    assertEquals(4000, cut.numSamples());
    assertEquals(4000, cut.samples()[0], 0);
    assertEquals(
        8000, AudioReader.applySegment(a, new Segment("u", "r", 0.5, 1.3), dir).numSamples());
    assertThrows(
        AsrInputException.class,
        () -> AudioReader.applySegment(a, new Segment("u", "r", 0.5, 1.6), dir));
    assertEquals(
        8000, AudioReader.applySegment(a, new Segment("u", "r", 0.5, -1), dir).numSamples());
    Path f = resource("shorten_mono16k.sph");
    Utterance u =
        new Utterance(
            "u",
            "s",
            new WavEntry("r", f.toString()),
            Optional.of(new Segment("u", "r", 0.0625, 0.125)),
            Optional.empty());
    Audio ua = AudioReader.read(u);
    assertEquals(1000, ua.numSamples());
    assertEquals(AudioReader.read(f).samples()[1000], ua.samples()[0], 0);
    assertEquals(0.0625, AudioReader.durationSeconds(u), 1e-12);
    Utterance whole =
        new Utterance(
            "r", "s", new WavEntry("r", f.toString()), Optional.empty(), Optional.empty());
    assertEquals(4001 / 16000.0, AudioReader.durationSeconds(whole), 1e-12);
  }

  @Test
  void rawPcm() throws Exception {
    Path f = dir.resolve("x.raw");
    Files.write(f, new byte[] {0x01, 0x02, 0x03, 0x04});
    assertArrayEquals(
        new float[] {0x0201, 0x0403}, AudioReader.readRaw(f, RawFormat.s16le(8000)).samples());
    Files.write(f, new byte[] {0x01, 0x02, 0x03});
    assertThrows(AsrInputException.class, () -> AudioReader.readRaw(f, RawFormat.s16le(8000)));
  }

  @Test
  void unsupportedCodingFallsBackToThePipesOwnProgram() throws Exception {
    String h = "sample_rate -i 8000\nchannel_count -i 1\nsample_n_bytes -i 2\n";
    Path f = dir.resolve("packed.sph");
    Files.write(f, sphere(h + "sample_coding -s12 shortpack-v0\n", new byte[4]));
    // Natively unreadable; "sph2pipe" is not installed here, so the error stays ours.
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () -> AudioReader.read(new WavEntry("r", "sph2pipe -f wav " + f + " |")));
    assertInstanceOf(UnsupportedCodingException.class, e);
    // A stand-in program on a full path is run instead of failing.
    Path prog = dir.resolve("sph2pipe");
    Files.writeString(prog, "#!/bin/bash\ncat " + resource("ulaw_stereo8k.sph") + "\n");
    prog.toFile().setExecutable(true);
    Audio a = AudioReader.read(new WavEntry("r", prog + " -f wav " + f + " |"));
    assertEquals(AudioReader.read(resource("ulaw_stereo8k.sph")), a);
  }
}
