package org.asrnas.recognizer;

import ai.djl.Device;
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
import org.asrnas.core.AsrInputException;
import org.asrnas.frontend.extract.FeatureExtraction;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.train.TrainConfig;
import org.asrnas.nas.train.Trainer;
import org.asrnas.nas.train.TrainingData;

/**
 * A tiny model trained once per JVM on tone "words" (LOW 300 Hz, HIGH 1500 Hz, 0.3 s each between
 * 0.1 s pauses; units L and H), the way {@code asr features} and {@code asr train} would: features
 * with fbank.json in the data dir, then the trainer, which writes a format-3 {@code final.model}.
 */
final class TinyModel {
  static final int RATE = 16000;
  private static Path dir;

  private TinyModel() {}

  /** The run dir (final.model, fbank.json, units.txt) and data/lang/lexicon.txt beside it. */
  static synchronized Path runDir() throws IOException, AsrInputException {
    if (dir == null) {
      Path tmp = Files.createTempDirectory("asr-recognizer-test");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tmp)));
      train(tmp);
      dir = tmp;
    }
    return dir.resolve("exp/tiny");
  }

  private static void delete(Path root) {
    try (java.util.stream.Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort while the JVM exits
    }
  }

  static Path lexicon() throws IOException, AsrInputException {
    return runDir().resolve("../../data/lang/lexicon.txt").normalize();
  }

  static Path dataDir() throws IOException, AsrInputException {
    return runDir().resolve("../../data/train").normalize();
  }

  private static void train(Path tmp) throws IOException, AsrInputException {
    Path data = tmp.resolve("data/train");
    Path lang = tmp.resolve("data/lang");
    Files.createDirectories(data);
    Files.createDirectories(lang);
    Files.write(lang.resolve("lexicon.txt"), List.of("HIGH H", "LOW L"));
    Files.write(lang.resolve("units.txt"), List.of("<blk> 0", "H 1", "L 2"));
    Random random = new Random(5);
    List<String> wav = new ArrayList<>();
    List<String> text = new ArrayList<>();
    List<String> utt2spk = new ArrayList<>();
    List<String> spk2utt = new ArrayList<>(List.of("spk0", "spk1"));
    for (int i = 0; i < 16; i++) {
      List<String> words = new ArrayList<>();
      for (int w = 0; w < 2 + random.nextInt(3); w++) {
        words.add(random.nextBoolean() ? "HIGH" : "LOW");
      }
      String id = String.format(Locale.ROOT, "spk%d-u%02d", i / 8, i);
      Path f = tmp.resolve("audio/" + id + ".wav");
      Files.createDirectories(f.getParent());
      Files.write(f, wav(tones(words, random)));
      wav.add(id + " " + f);
      text.add(id + " " + String.join(" ", words));
      utt2spk.add(id + " spk" + (i / 8));
      spk2utt.set(i / 8, spk2utt.get(i / 8) + " " + id);
    }
    Files.write(data.resolve("wav.scp"), wav);
    Files.write(data.resolve("text"), text);
    Files.write(data.resolve("utt2spk"), utt2spk);
    Files.write(data.resolve("spk2utt"), spk2utt);
    FeatureExtraction.run(
        new FeatureExtraction.Options(data, data, FbankConfig.defaults(), 1, 0L, 0, false),
        FeatureExtraction.Progress.none());
    Path model = tmp.resolve("tiny.json");
    Files.writeString(
        model,
        "{\"input_dim\": 120, \"units\": 0, \"width\": 32, \"dropout\": 0.0,"
            + " \"blocks\": [{\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D1\"}],"
            + " \"fixed\": [{\"after\": 1, \"op\": \"tdnn-C1D1S3\"}]}");
    TrainConfig cfg =
        TrainConfig.defaults()
            .withOverrides(
                "{\"maxEpochs\": 40, \"batchFrames\": 800, \"heldOutFraction\": 0.2, \"learningRate\": 0.005, \"decayAfterEpoch\": 41}")
            .withSeed(3);
    new Trainer(cfg, null)
        .train(
            new Trainer.Job(
                new TrainingData(
                    data, null, lang.resolve("units.txt"), lang.resolve("lexicon.txt")),
                model,
                tmp.resolve("exp/tiny"),
                Device.cpu(),
                false));
  }

  /** 16 kHz int16 samples: each word a 0.3 s tone after a 0.1 s pause, a little noise. */
  static short[] tones(List<String> words, Random random) {
    List<Short> s = new ArrayList<>();
    for (String w : words) {
      double hz = w.equals("HIGH") ? 1500 : 300;
      for (int i = 0; i < RATE / 10; i++) {
        s.add((short) (random.nextGaussian() * 30));
      }
      for (int i = 0; i < RATE * 3 / 10; i++) {
        s.add((short) (8000 * Math.sin(2 * Math.PI * hz * i / RATE) + random.nextGaussian() * 30));
      }
    }
    for (int i = 0; i < RATE / 10; i++) {
      s.add((short) (random.nextGaussian() * 30));
    }
    short[] out = new short[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i);
    }
    return out;
  }

  /** A 16-bit mono WAV file of {@code samples} at {@link #RATE}. */
  static byte[] wav(short[] samples) {
    return wav(samples, RATE);
  }

  static byte[] wav(short[] samples, int rate) {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
    for (short v : samples) {
      b.putShort(v);
    }
    return b.array();
  }
}
