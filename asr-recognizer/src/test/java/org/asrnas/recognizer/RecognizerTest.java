package org.asrnas.recognizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.decoder.DecoderSetup;
import org.asrnas.decoder.Hypothesis;
import org.asrnas.decoder.LexiconDecoder;
import org.asrnas.decoder.lm.ArpaModel;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.audio.Resampler;
import org.asrnas.frontend.extract.FeatureExtraction;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.train.Inference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory recognizer against the file-based pipeline, its inputs, options and threads. */
class RecognizerTest {
  @TempDir static Path tmp;
  static Recognizer words;
  static List<String> truth = List.of("LOW", "HIGH", "HIGH", "LOW");
  static short[] pcm;
  static Path wav;

  @BeforeAll
  static void load() throws Exception {
    words =
        Recognizer.builder().setModel(TinyModel.runDir()).optLexicon(TinyModel.lexicon()).build();
    pcm = TinyModel.tones(truth, new Random(11));
    wav = tmp.resolve("probe.wav");
    Files.write(wav, TinyModel.wav(pcm));
  }

  @AfterAll
  static void close() {
    words.close();
  }

  /**
   * The reference: the same file through asr features' FeatureExtraction (a data dir of one
   * utterance, its own speaker), asr infer's Inference (archives on disk) and the decoder.
   */
  @Test
  void equalsTheFileBasedPipelineOfFeaturesInferAndDecode() throws Exception {
    Path data = tmp.resolve("ref");
    Files.createDirectories(data);
    Files.write(data.resolve("wav.scp"), List.of("probe " + wav));
    Files.write(data.resolve("utt2spk"), List.of("probe probe"));
    Files.write(data.resolve("spk2utt"), List.of("probe probe"));
    FeatureExtraction.run(
        new FeatureExtraction.Options(
            data, data, FbankConfig.read(TinyModel.runDir().resolve("fbank.json")), 1, 0L, 0, true),
        FeatureExtraction.Progress.none());
    Path scp =
        Inference.run(
            TinyModel.runDir(), data, tmp.resolve("ref/lp"), Device.cpu(), 20000, n -> {}, m -> {});
    FloatMatrix lp = KaldiArchive.read(KaldiArchive.readScp(scp).get(0));
    DecoderSetup setup =
        DecoderSetup.load(
            TinyModel.runDir().resolve("units.txt"),
            Optional.of(TinyModel.lexicon()),
            Optional.empty(),
            ArpaModel.Mode.STRICT);
    Hypothesis ref =
        setup
            .decoders(DecoderSetup.Kind.LEXICON, null, LexiconDecoder.Options.defaults())
            .get()
            .best(lp);

    Result r = words.recognize(wav);
    assertEquals("probe", r.utteranceId());
    assertEquals(lp.rows(), r.frames());
    assertEquals(String.join(" ", ref.words()), r.text());
    assertEquals(ref.score(), r.score(), 1e-3);
    assertEquals(ref.acousticScore(), r.best().acousticScore(), 1e-3);
    assertEquals(ref.words(), r.words().stream().map(Word::text).toList());
    assertArrayEquals(
        ref.units(), r.units().stream().mapToInt(u -> words.units().id(u.symbol())).toArray());
  }

  @Test
  void theTinyModelHearsTheTones() throws Exception {
    Result r = words.recognize(wav);
    assertEquals(String.join(" ", truth), r.text(), "the tiny model learnt the two tones");
    assertEquals(pcm.length / 16000.0, r.audioSeconds(), 1e-9);
    assertEquals(0.03, r.frameShiftSeconds(), 1e-12, "10 ms fbank shift x subsampling 3");
    assertEquals(0.03, words.frameShiftSeconds(), 1e-12);
    assertEquals(16000, words.sampleRateHz());
  }

  @Test
  void floatShortStreamAndFileGiveTheSameResult() throws Exception {
    Result file = words.recognize(wav, Recognizer.DEFAULT_UTTERANCE_ID);
    Result shorts = words.recognize(pcm, 16000);
    float[] f = new float[pcm.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = pcm[i] / 32768f;
    }
    Result floats = words.recognize(f, 16000);
    byte[] le = new byte[2 * pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      le[2 * i] = (byte) pcm[i];
      le[2 * i + 1] = (byte) (pcm[i] >> 8);
    }
    AudioInputStream stream =
        new AudioInputStream(
            new ByteArrayInputStream(le), new AudioFormat(16000, 16, 1, true, false), pcm.length);
    Result streamed = words.recognize(stream);
    for (Result r : List.of(shorts, floats, streamed)) {
      assertEquals(file.text(), r.text());
      assertEquals(file.score(), r.score(), 1e-9);
      assertEquals(file.frames(), r.frames());
    }
  }

  /**
   * An 8-bit unsigned stream is converted by javax.sound to the 16-bit samples it stands for ((u -
   * 128) * 256): the result equals that of those samples.
   */
  @Test
  void anEightBitStreamIsConverted() throws Exception {
    byte[] u8 = new byte[pcm.length];
    short[] same = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      u8[i] = (byte) ((pcm[i] >> 8) + 128);
      same[i] = (short) ((pcm[i] >> 8) * 256);
    }
    AudioInputStream stream =
        new AudioInputStream(
            new ByteArrayInputStream(u8), new AudioFormat(16000, 8, 1, false, false), pcm.length);
    Result r = words.recognize(stream);
    Result want = words.recognize(same, 16000);
    assertEquals(want.text(), r.text());
    assertEquals(want.frames(), r.frames());
    assertEquals(want.audioSeconds(), r.audioSeconds(), 1e-12);
  }

  /**
   * Audio at higher rates is resampled to the model's 16 kHz and heard alike (lower rates lack the
   * upper mel bins the model was trained with, so only their plumbing is checked, below).
   */
  @Test
  void otherSampleRatesAreResampledToTheModels() throws Exception {
    Audio at16 = Audio.mono(16000, toFloat(pcm));
    for (int rate : new int[] {22050, 44100, 48000}) {
      Audio other = Resampler.resample(at16, rate);
      short[] s = new short[other.numSamples()];
      for (int i = 0; i < s.length; i++) {
        s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(other.samples()[i])));
      }
      Path f = tmp.resolve("probe" + rate + ".wav");
      Files.write(f, TinyModel.wav(s, rate));
      Result r = words.recognize(f);
      assertEquals(String.join(" ", truth), r.text(), rate + " Hz");
      assertEquals(pcm.length / 16000.0, r.audioSeconds(), 1e-3, rate + " Hz");
      assertEquals(String.join(" ", truth), words.recognize(s, rate).text(), rate + " Hz");
    }
    Audio at8 = Resampler.resample(at16, 8000);
    Result r8 = words.recognize(at8, "probe8");
    Result back = words.recognize(Resampler.resample(at8, 16000), "probe8");
    assertEquals(back.text(), r8.text(), "8 kHz audio is upsampled to the model's rate");
    assertEquals(back.score(), r8.score(), 1e-9);
    assertEquals(pcm.length / 16000.0, r8.audioSeconds(), 1e-3);
  }

  /**
   * Words and units carry times when the decoder reports spans, NaN when it does not; known times
   * lie inside the audio and follow each other.
   */
  @Test
  void timesAreInsideTheAudioOrUnknown() throws Exception {
    try (Recognizer greedy = Recognizer.builder().setModel(TinyModel.runDir()).build();
        Recognizer prefix =
            Recognizer.builder()
                .setModel(TinyModel.runDir())
                .optDecoder(DecoderSetup.Kind.PREFIX_BEAM)
                .build()) {
      check(greedy.recognize(wav), "L H H L");
      check(prefix.recognize(wav), "L H H L");
    }
    check(words.recognize(wav), "LOW HIGH HIGH LOW");
  }

  private static void check(Result r, String text) {
    assertEquals(text, String.join(" ", r.words().stream().map(Word::text).toList()));
    double last = 0;
    for (Word w : r.words()) {
      if (w.hasTimes()) {
        assertTrue(
            w.startSeconds() >= last - 1e-9 && w.endSeconds() > w.startSeconds(), w.toString());
        assertTrue(w.endSeconds() <= r.audioSeconds() + r.frameShiftSeconds(), w.toString());
        assertTrue(w.confidence() >= 0 && w.confidence() <= 1, w.toString());
        last = w.endSeconds();
      } else {
        assertTrue(Double.isNaN(w.endSeconds()) && Double.isNaN(w.confidence()), w.toString());
      }
    }
    for (Unit u : r.units()) {
      assertTrue(u.hasTimes() || Double.isNaN(u.confidence()), u.toString());
    }
  }

  @Test
  void greedyIsTheDefaultWithoutALexiconAndGivesPhones() throws Exception {
    try (Recognizer phones = Recognizer.builder().setModel(TinyModel.runDir()).build()) {
      assertEquals(DecoderSetup.Kind.GREEDY, phones.decoderKind());
      Result r = phones.recognize(wav);
      assertEquals("L H H L", r.text());
      assertEquals(List.of("L", "H", "H", "L"), r.units().stream().map(Unit::symbol).toList());
      assertEquals(1, r.alternatives().size());
    }
  }

  @Test
  void nBestOnRequestBestFirst() throws Exception {
    try (Recognizer n =
        Recognizer.builder()
            .setModel(TinyModel.runDir())
            .optLexicon(TinyModel.lexicon())
            .optDecoderOptions(LexiconDecoder.Options.defaults().withBeamSize(20))
            .optNBest(5)
            .build()) {
      Result r = n.recognize(wav);
      assertTrue(r.alternatives().size() > 1 && r.alternatives().size() <= 5, r.toString());
      for (int i = 1; i < r.alternatives().size(); i++) {
        assertTrue(r.alternatives().get(i - 1).score() >= r.alternatives().get(i).score());
      }
      assertEquals(2, r.nBest(2).size());
      assertEquals(r.best(), r.nBest(1).get(0));
      assertEquals(words.recognize(wav).text(), r.text());
    }
  }

  @Test
  void threadsSharingOneRecognizerGetTheSequentialResults() throws Exception {
    List<short[]> inputs = new ArrayList<>();
    List<Result> sequential = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 8; i++) {
      List<String> w = new ArrayList<>();
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        w.add(random.nextBoolean() ? "HIGH" : "LOW");
      }
      short[] s = TinyModel.tones(w, random);
      inputs.add(s);
      sequential.add(words.recognize(s, 16000));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Result>> fs = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (short[] s : inputs) {
          fs.add(pool.submit(() -> words.recognize(s, 16000)));
        }
      }
      for (int i = 0; i < fs.size(); i++) {
        Result want = sequential.get(i % inputs.size());
        Result got = fs.get(i).get();
        assertEquals(want.text(), got.text());
        assertEquals(want.score(), got.score(), 0.0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedRecognizerRefusesCalls() throws Exception {
    Recognizer r = Recognizer.builder().setModel(TinyModel.runDir()).build();
    r.close();
    r.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> r.recognize(pcm, 16000));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void decodedAudioUnderTheFilesIdEqualsTheFile() throws Exception {
    Audio a = AudioReader.read(wav);
    assertEquals(16000, a.sampleRateHz());
    assertEquals(words.recognize(wav), words.recognize(a, "probe"));
  }

  static float[] toFloat(short[] s) {
    float[] f = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      f[i] = s[i];
    }
    return f;
  }
}
