package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.GreedyDecoder;
import org.asrnas.decoder.Hypothesis;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.Deltas;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "use the library from Java" example, kept compiling and correct: read a WAV file,
 * compute 40 Kaldi fbank features with deltas and CMVN (the model's input), and greedy-decode a
 * matrix of CTC log-probabilities (what {@code asr infer} writes per utterance) to phones.
 */
class LibraryExampleTest {
  @TempDir Path dir;

  // --- README example begins
  static List<String> example(Path wav, FloatMatrix logProbs, Units units)
      throws IOException, AsrInputException {
    Audio audio = AudioReader.read(wav); // WAV, NIST SPHERE or raw PCM
    Fbank fbank = new Fbank(FbankConfig.defaults().withNumMelBins(40).withDither(0));
    FloatMatrix feats = fbank.compute(audio, 0L); // frames x 40, 10 ms shift
    FloatMatrix input = Deltas.compute(Cmvn.apply(feats, Cmvn.of(feats), true)); // frames x 120
    System.out.printf("%d frames x %d features%n", input.rows(), input.cols());
    Hypothesis best = new GreedyDecoder().decode(logProbs).get(0); // blank = unit 0
    return units.decode(best.units());
  }

  // --- README example ends

  @Test
  void readsWavComputesFeaturesAndDecodes() throws Exception {
    Path wav = dir.resolve("tone.wav");
    int rate = 16000;
    short[] pcm = new short[rate]; // one second of a 440 Hz tone
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
    }
    Files.write(wav, wav16(pcm, rate));

    Units units = Units.of(List.of("AH", "B"));
    // frames: B B <blk> AH AH <blk> AH -> "B AH AH" (repeats merge, a blank separates)
    int[] best = {2, 2, 0, 1, 1, 0, 1};
    float[] lp = new float[best.length * 3];
    java.util.Arrays.fill(lp, (float) Math.log(0.1));
    for (int t = 0; t < best.length; t++) {
      lp[t * 3 + best[t]] = (float) Math.log(0.8);
    }
    List<String> phones = example(wav, new FloatMatrix(best.length, 3, lp), units);
    assertEquals(List.of("B", "AH", "AH"), phones);

    // the features the example computed: Kaldi's frame count for 25 ms windows, 10 ms shift
    Fbank fbank = new Fbank(FbankConfig.defaults().withNumMelBins(40).withDither(0));
    FloatMatrix feats = fbank.compute(AudioReader.read(wav), 0L);
    assertEquals(1 + (rate - 400) / 160, feats.rows());
    assertEquals(120, Deltas.compute(feats).cols());
  }

  private static byte[] wav16(short[] pcm, int rate) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes()).putInt(36 + 2 * pcm.length).put("WAVE".getBytes());
    h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    h.putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16);
    h.put("data".getBytes()).putInt(2 * pcm.length);
    ByteBuffer d = ByteBuffer.allocate(2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : pcm) {
      d.putShort(s);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(h.array());
    out.write(d.array());
    return out.toByteArray();
  }
}
