package org.asrnas.frontend.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Generates small Kaldi data directories with synthetic WAV audio for tests. */
public final class TestDataDirs {
  private TestDataDirs() {}

  /** A 16-bit mono WAV of a noisy tone. */
  public static void writeWav(Path f, int rate, int samples, long seed) throws IOException {
    Random r = new Random(seed);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
    double hz = 200 + r.nextInt(800);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (4000 * Math.sin(2 * Math.PI * hz * i / rate) + 500 * r.nextGaussian()));
    }
    Files.write(f, b.array());
  }

  /**
   * {@code n} utterances {@code spkK-uttI} of 0.3 to 1.2 s at 16 kHz over {@code speakers}
   * speakers; wav.scp, utt2spk, spk2utt and text.
   */
  public static void make(Path dir, int n, int speakers) throws IOException {
    Files.createDirectories(dir.resolve("wav"));
    List<String> wav = new ArrayList<>();
    List<String> u2s = new ArrayList<>();
    List<String> text = new ArrayList<>();
    Random r = new Random(42);
    for (int i = 0; i < n; i++) {
      String spk = String.format(Locale.ROOT, "spk%02d", i % speakers);
      String utt = String.format(Locale.ROOT, "%s-utt%05d", spk, i);
      Path f = dir.resolve("wav").resolve(utt + ".wav");
      writeWav(f, 16000, 4800 + r.nextInt(14400), i);
      wav.add(utt + " " + f.toAbsolutePath());
      u2s.add(utt + " " + spk);
      text.add(utt + " HELLO WORLD");
    }
    wav.sort(null);
    u2s.sort(null);
    text.sort(null);
    Files.write(dir.resolve("wav.scp"), wav);
    Files.write(dir.resolve("utt2spk"), u2s);
    Files.write(dir.resolve("text"), text);
    List<String> s2u = new ArrayList<>();
    for (int s = 0; s < speakers; s++) {
      String spk = String.format(Locale.ROOT, "spk%02d", s);
      StringBuilder sb = new StringBuilder(spk);
      for (String l : u2s) {
        if (l.endsWith(" " + spk)) {
          sb.append(' ').append(l, 0, l.indexOf(' '));
        }
      }
      s2u.add(sb.toString());
    }
    Files.write(dir.resolve("spk2utt"), s2u);
  }

  /** Generates a directory: {@code java ... TestDataDirs DIR N SPEAKERS}. */
  public static void main(String[] args) throws IOException {
    make(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
  }
}
