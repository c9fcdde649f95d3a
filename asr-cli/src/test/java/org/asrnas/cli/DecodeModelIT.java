package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through every module: audio files (WAV and NIST SPHERE) and a data dir are decoded
 * with a model trained by {@code asr train} on features from {@code asr features}. The two "words"
 * are tones (LOW 300 Hz, HIGH 1500 Hz), so the test needs no speech synthesis.
 */
class DecodeModelIT {
  @TempDir static Path tmp;
  static Path data;
  static Path run;

  @BeforeAll
  static void trainTinyModel() throws Exception {
    data = tmp.resolve("data/train");
    Path lang = tmp.resolve("data/lang");
    Files.createDirectories(data);
    Files.createDirectories(lang);
    Files.write(lang.resolve("lexicon.txt"), List.of("HIGH H", "LOW L"));
    Files.write(lang.resolve("units.txt"), List.of("<blk> 0", "H 1", "L 2"));
    Random random = new Random(5);
    List<String> wav = new ArrayList<>();
    List<String> text = new ArrayList<>();
    List<String> utt2spk = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      List<String> words = new ArrayList<>();
      for (int w = 0; w < 2 + random.nextInt(3); w++) {
        words.add(random.nextBoolean() ? "HIGH" : "LOW");
      }
      String id = String.format(java.util.Locale.ROOT, "spk%d-u%02d", i / 8, i);
      Path f = tmp.resolve("audio/" + id + ".wav");
      Files.createDirectories(f.getParent());
      Files.write(f, wavBytes(tones(words, random)));
      wav.add(id + " " + f);
      text.add(id + " " + String.join(" ", words));
      utt2spk.add(id + " spk" + (i / 8));
    }
    Files.write(data.resolve("wav.scp"), wav);
    Files.write(data.resolve("text"), text);
    Files.write(data.resolve("utt2spk"), utt2spk);
    Files.write(
        data.resolve("spk2utt"), List.of(spk2utt(utt2spk, "spk0"), spk2utt(utt2spk, "spk1")));
    CliRunner f = CliRunner.run("features", "--data", data.toString(), "--out", data.toString());
    assertEquals(0, f.exitCode(), f.err());
    Path model = tmp.resolve("tiny.json");
    Files.writeString(
        model,
        "{\"input_dim\": 120, \"units\": 0, \"width\": 32, \"dropout\": 0.0,"
            + " \"blocks\": [{\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D1\"}],"
            + " \"fixed\": [{\"after\": 1, \"op\": \"tdnn-C1D1S3\"}]}");
    Path cfg = tmp.resolve("train.json");
    Files.writeString(cfg, "{\"maxEpochs\": 3, \"batchFrames\": 2000, \"heldOutFraction\": 0.2}");
    run = tmp.resolve("exp/tiny");
    CliRunner t =
        CliRunner.run(
            "train",
            "--data",
            data.toString(),
            "--model",
            model.toString(),
            "--config",
            cfg.toString(),
            "--out",
            run.toString(),
            "--seed",
            "3");
    assertEquals(0, t.exitCode(), t.err());
    assertTrue(Files.exists(run.resolve("final.model")), t.out() + t.err());
    assertTrue(Files.exists(run.resolve("fbank.json")), "the trainer keeps the feature options");
  }

  private static String spk2utt(List<String> utt2spk, String spk) {
    StringBuilder sb = new StringBuilder(spk);
    for (String l : utt2spk) {
      if (l.endsWith(" " + spk)) {
        sb.append(' ').append(l, 0, l.indexOf(' '));
      }
    }
    return sb.toString();
  }

  /** 16 kHz int16 samples: each word a 0.3 s tone, 0.1 s pauses, a little noise. */
  static short[] tones(List<String> words, Random random) {
    int rate = 16000;
    List<Short> s = new ArrayList<>();
    for (String w : words) {
      double hz = w.equals("HIGH") ? 1500 : 300;
      for (int i = 0; i < rate / 10; i++) {
        s.add((short) (random.nextGaussian() * 30));
      }
      for (int i = 0; i < rate * 3 / 10; i++) {
        s.add((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate) + random.nextGaussian() * 30));
      }
    }
    for (int i = 0; i < rate / 10; i++) {
      s.add((short) (random.nextGaussian() * 30));
    }
    short[] out = new short[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i);
    }
    return out;
  }

  static byte[] wavBytes(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
    for (short v : samples) {
      b.putShort(v);
    }
    return b.array();
  }

  /** The same samples as a NIST SPHERE file (big-endian PCM, 1024-byte header). */
  static byte[] sphereBytes(short[] samples) {
    String header =
        "NIST_1A\n   1024\nsample_count -i "
            + samples.length
            + "\nsample_rate -i 16000\nchannel_count -i 1\nsample_n_bytes -i 2\n"
            + "sample_byte_format -s2 10\nsample_coding -s3 pcm\nend_head\n";
    ByteBuffer b = ByteBuffer.allocate(1024 + 2 * samples.length).order(ByteOrder.BIG_ENDIAN);
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    b.put(h);
    for (int i = h.length; i < 1024; i++) {
      b.put((byte) ' ');
    }
    for (short v : samples) {
      b.putShort(v);
    }
    return b.array();
  }

  private static List<String> lines(String s) {
    return s.lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void decodesWavAndSphereFilesOfTheSameAudioAlike() throws IOException {
    short[] audio = tones(List.of("LOW", "HIGH", "HIGH"), new Random(11));
    Path wav = tmp.resolve("mine.wav");
    Path sph = tmp.resolve("mine.sph");
    Files.write(wav, wavBytes(audio));
    Files.write(sph, sphereBytes(audio));
    CliRunner r =
        CliRunner.run(
            "decode",
            "--model",
            run.toString(),
            "--lexicon",
            tmp.resolve("data/lang/lexicon.txt").toString(),
            wav.toString(),
            sph.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> out = lines(r.out());
    assertEquals(2, out.size(), r.out());
    assertTrue(out.get(0).startsWith("mine "), out.toString());
    assertTrue(out.get(1).startsWith("mine-2 "), out.toString());
    assertEquals(out.get(0).substring(5), out.get(1).substring(7), "same audio, same words");
    assertTrue(r.err().contains("end to end"), r.err());
  }

  @Test
  void decodesADataDirToOneLinePerUtterance() throws IOException {
    Path hyp = tmp.resolve("hyp.trn");
    CliRunner r =
        CliRunner.run(
            "decode",
            "--model",
            run.resolve("final.model").toString(),
            "--data",
            data.toString(),
            "--decoder",
            "greedy",
            "--format",
            "trn",
            "--out",
            hyp.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> out = Files.readAllLines(hyp);
    assertEquals(16, out.size());
    assertTrue(out.get(0).endsWith("(spk0-u00)"), out.get(0));
    assertTrue(
        out.stream().allMatch(l -> l.matches("([HL] )*\\(spk[01]-u\\d\\d\\)")), out.toString());
  }

  /**
   * Audio files are decoded in memory by the library's Recognizer; --work-dir keeps the archive
   * pipeline (features, logprobs.ark, decoder). Both print the same lines, scores included.
   */
  @Test
  void inMemoryRecognizerAndArchivePipelinePrintTheSame() throws IOException {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path f = tmp.resolve("same" + i + ".wav");
      Files.write(
          f, wavBytes(tones(List.of("HIGH", "LOW", "HIGH").subList(0, i + 1), new Random(i))));
      args.add(f.toString());
    }
    int k = 0;
    for (String[] opts :
        List.of(
            new String[] {"--lexicon", tmp.resolve("data/lang/lexicon.txt").toString()},
            new String[] {"--decoder", "greedy"},
            new String[] {"--beam", "4"})) {
      List<String> common = new ArrayList<>(List.of("decode", "--model", run.toString()));
      common.addAll(List.of(opts));
      common.addAll(List.of("--format", "json", "--nbest", "3"));
      common.addAll(args);
      CliRunner mem = CliRunner.run(common.toArray(String[]::new));
      assertEquals(0, mem.exitCode(), mem.err());
      List<String> viaArchives = new ArrayList<>(common);
      viaArchives.add(1, "--work-dir");
      viaArchives.add(2, tmp.resolve("work-" + k++).toString());
      CliRunner arch = CliRunner.run(viaArchives.toArray(String[]::new));
      assertEquals(0, arch.exitCode(), arch.err());
      assertEquals(3, lines(mem.out()).size(), mem.out());
      assertEquals(lines(arch.out()), lines(mem.out()), String.join(" ", opts));
      assertTrue(mem.err().contains("end to end"), mem.err());
    }
  }

  /** The model file alone (format 3) carries its feature options: no fbank.json needed. */
  @Test
  void theModelFileAloneIsEnough() throws IOException {
    Path alone = tmp.resolve("alone/tiny.model");
    Files.createDirectories(alone.getParent());
    Files.copy(run.resolve("final.model"), alone);
    Path wav = tmp.resolve("alone.wav");
    Files.write(wav, wavBytes(tones(List.of("LOW", "HIGH"), new Random(4))));
    CliRunner a = CliRunner.run("decode", "--model", alone.toString(), wav.toString());
    CliRunner b = CliRunner.run("decode", "--model", run.toString(), wav.toString());
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(lines(b.out()), lines(a.out()));
    // the archive pipeline of a data dir, too: fbank options and units from the model file
    CliRunner d =
        CliRunner.run(
            "decode", "--model", alone.toString(), "--data", data.toString(), "--format", "trn");
    CliRunner e =
        CliRunner.run(
            "decode", "--model", run.toString(), "--data", data.toString(), "--format", "trn");
    assertEquals(0, d.exitCode(), d.err());
    assertEquals(16, lines(d.out()).size(), d.out());
    assertEquals(lines(e.out()), lines(d.out()));
  }

  @Test
  void missingAudioFileAndWrongUsageAreReported() {
    CliRunner r =
        CliRunner.run("decode", "--model", run.toString(), tmp.resolve("nope.wav").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("nope.wav") && r.err().contains("no such audio file"), r.err());
    CliRunner u = CliRunner.run("decode", "--model", run.toString());
    assertEquals(2, u.exitCode());
    assertTrue(u.err().contains("FILEs or --data"), u.err());
  }

  /** CTM times come in the model's output frame shift (10 ms x subsampling 3) inside the audio. */
  @Test
  void ctmTimesAreOutputFramesInsideTheAudio() throws IOException {
    short[] audio = tones(List.of("LOW", "HIGH", "LOW", "HIGH"), new Random(12));
    Path wav = tmp.resolve("ctm.wav");
    Files.write(wav, wavBytes(audio));
    CliRunner r =
        CliRunner.run(
            "decode",
            "--model",
            run.toString(),
            "--decoder",
            "greedy",
            "--format",
            "ctm",
            wav.toString());
    assertEquals(0, r.exitCode(), r.err());
    double seconds = audio.length / 16000.0;
    assertTrue(lines(r.out()).size() >= 2, "the tiny model recognises some tones: " + r.out());
    for (String l : lines(r.out())) {
      String[] f = l.split(" ");
      assertEquals(6, f.length, l);
      assertEquals("ctm", f[0], l);
      assertEquals("1", f[1], l);
      double start = Double.parseDouble(f[2]);
      double dur = Double.parseDouble(f[3]);
      assertEquals(0, Math.round(start * 100) % 3, "a multiple of 30 ms: " + l);
      assertTrue(dur >= 0.03 && start + dur <= seconds + 1e-9, l);
      assertTrue(f[4].equals("H") || f[4].equals("L"), l);
      double conf = Double.parseDouble(f[5]);
      assertTrue(conf >= 0 && conf <= 1, l);
    }
  }
}
