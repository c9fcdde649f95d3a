package org.asrnas.recognizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.Ctm;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.Resampler;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.train.ModelFile;
import org.asrnas.nas.train.TrainConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-audio path ({@link Recognizer#recognizeLong}, {@link StreamSession}) on recordings made
 * of known utterances of the tiny model's tone words joined by pauses: segments at the pieces'
 * times, the words of per-utterance {@link Recognizer#recognize} of each piece, word and CTM times
 * inside their piece, and bad input named.
 */
class LongAudioTest {
  static final int RATE = TinyModel.RATE;
  @TempDir static Path tmp;
  static Recognizer words;
  static final List<String> FIRST = List.of("LOW", "HIGH", "HIGH", "LOW");
  static final List<String> SECOND = List.of("HIGH", "LOW", "HIGH");
  static short[] first;
  static short[] second;
  static short[] joined;
  static Path wav;

  /** Pieces of the recording, in samples: [start, end) of the first and the second utterance. */
  static long[][] spans;

  @BeforeAll
  static void load() throws Exception {
    words =
        Recognizer.builder().setModel(TinyModel.runDir()).optLexicon(TinyModel.lexicon()).build();
    Random random = new Random(21);
    first = TinyModel.tones(FIRST, random);
    second = TinyModel.tones(SECOND, random);
    short[] lead = noise(RATE / 2, random);
    short[] pause = noise(3 * RATE / 2, random);
    joined = concat(lead, first, pause, second, noise(RATE / 2, random));
    long a = lead.length;
    long b = a + first.length + pause.length;
    spans = new long[][] {{a, a + first.length}, {b, b + second.length}};
    wav = tmp.resolve("two utterances.wav");
    Files.write(wav, TinyModel.wav(joined));
  }

  @AfterAll
  static void close() {
    words.close();
  }

  @Test
  void twoUtterancesWithAPauseAreTwoSegmentsWithTheWordsOfEachPieceRecognisedAlone()
      throws Exception {
    LongResult r = words.recognizeLong(wav);
    assertEquals("two_utterances", r.utteranceId());
    assertEquals(joined.length / (double) RATE, r.audioSeconds(), 1e-9);
    assertEquals(2, r.segments().size(), "one segment per utterance: " + r.segments());
    String alone1 = words.recognize(first, RATE).text();
    String alone2 = words.recognize(second, RATE).text();
    assertEquals(String.join(" ", FIRST), alone1, "the tiny model hears the first piece");
    assertEquals(String.join(" ", SECOND), alone2, "and the second");
    assertEquals(alone1, r.segments().get(0).text());
    assertEquals(alone2, r.segments().get(1).text());
    assertEquals(alone1 + " " + alone2, r.text());
    for (int i = 0; i < 2; i++) {
      SegmentResult s = r.segments().get(i);
      assertEquals(i, s.index());
      double from = spans[i][0] / (double) RATE;
      double to = spans[i][1] / (double) RATE;
      // each piece is 0.1 s of noise around its tones; the endpointer pads speech by 0.1 s
      assertEquals(from, s.startSeconds(), 0.1, "segment " + i + " start");
      assertEquals(to, s.endSeconds(), 0.1, "segment " + i + " end");
      assertEquals(s.startSeconds(), s.offsetSeconds(), 0.03, "first frame near the start");
      assertTrue(s.result().utteranceId().startsWith("two_utterances-"), s.result().utteranceId());
      for (Word w : s.words()) {
        assertTrue(w.hasTimes(), w.toString());
        assertTrue(w.startSeconds() >= from && w.endSeconds() <= to, i + ": " + w);
      }
    }
  }

  @Test
  void wordTimesAreThePieceTimesShiftedToTheRecording() throws Exception {
    LongResult r = words.recognizeLong(wav);
    List<Word> alone = words.recognize(second, RATE).words();
    List<Word> inFile = r.segments().get(1).words();
    assertEquals(alone.size(), inFile.size());
    double shift = spans[1][0] / (double) RATE;
    for (int i = 0; i < alone.size(); i++) {
      // the same tone found in the piece and in the recording, within two output frames
      assertEquals(alone.get(i).startSeconds() + shift, inFile.get(i).startSeconds(), 0.061);
      assertEquals(alone.get(i).endSeconds() + shift, inFile.get(i).endSeconds(), 0.061);
    }
  }

  @Test
  void ctmLinesOfTheSegmentsLieInsideTheirPiece() throws Exception {
    LongResult r = words.recognizeLong(wav);
    int lines = 0;
    for (SegmentResult s : r.segments()) {
      double from = spans[s.index()][0] / (double) RATE;
      double to = spans[s.index()][1] / (double) RATE;
      for (Ctm.Line l :
          Ctm.lines(
              "two_utterances",
              "1",
              s.result().best().hypothesis(),
              words.units(),
              s.result().frameShiftSeconds(),
              s.offsetSeconds())) {
        assertTrue(
            l.startSeconds() >= from && l.startSeconds() + l.durationSeconds() <= to, l.format());
        lines++;
      }
    }
    assertEquals(FIRST.size() + SECOND.size(), lines);
  }

  @Test
  void perSegmentCmvnAndSmallChunksGiveTheSameWords() throws Exception {
    LongResult reference = words.recognizeLong(wav);
    try (Recognizer perSegment =
        Recognizer.builder()
            .setModel(TinyModel.runDir())
            .optLexicon(TinyModel.lexicon())
            .optLongAudio(LongAudioOptions.defaults().withCmvnWindowFrames(0).withChunkFrames(7))
            .build()) {
      LongResult r = perSegment.recognizeLong(wav);
      assertEquals(reference.text(), r.text());
      assertEquals(reference.segments().size(), r.segments().size());
    }
    try (Recognizer chunked =
        Recognizer.builder()
            .setModel(TinyModel.runDir())
            .optLexicon(TinyModel.lexicon())
            .optLongAudio(LongAudioOptions.defaults().withChunkFrames(7).withBlockSamples(333))
            .build()) {
      LongResult r = chunked.recognizeLong(wav);
      for (int i = 0; i < r.segments().size(); i++) {
        Result a = reference.segments().get(i).result();
        Result b = r.segments().get(i).result();
        assertEquals(a.frames(), b.frames());
        // chunked inference equals the whole segment's forward pass up to float rounding
        assertEquals(a.score(), b.score(), 1e-2);
        assertEquals(a.text(), b.text());
      }
    }
  }

  @Test
  void aStreamSessionFedInRandomPiecesGivesTheFileResult() throws Exception {
    LongResult file = words.recognizeLong(wav);
    StreamSession session = words.stream("two_utterances");
    List<SegmentResult> got = new ArrayList<>();
    Random random = new Random(4);
    float[] x = new float[joined.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = joined[i];
    }
    for (int at = 0; at < x.length; ) {
      int n = Math.min(x.length - at, 1 + random.nextInt(5000));
      got.addAll(session.accept(x, at, n));
      at += n;
    }
    assertEquals(joined.length, session.samples());
    got.addAll(session.finish());
    assertEquals(file.segments().size(), got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(file.segments().get(i).startSeconds(), got.get(i).startSeconds(), 1e-9);
      assertEquals(file.segments().get(i).text(), got.get(i).text());
      assertEquals(file.segments().get(i).result().score(), got.get(i).result().score(), 1e-3);
    }
    assertEquals(0, session.samples(), "finish resets the session");
  }

  @Test
  void anAudioInputStreamGivesTheFileResult() throws Exception {
    byte[] b = TinyModel.wav(joined);
    AudioFormat f = new AudioFormat(RATE, 16, 1, true, false);
    AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(b, 44, b.length - 44), f, joined.length);
    List<SegmentResult> seen = new ArrayList<>();
    LongResult r = words.recognizeLong(in, "s", seen::add);
    assertEquals(words.recognizeLong(wav).text(), r.text());
    assertEquals(r.segments(), seen, "each segment handed over as it is recognised");
  }

  @Test
  void aFileAtAnotherRateIsResampledAsRecognizeDoes() throws Exception {
    Path f = tmp.resolve("at8k.wav");
    Files.write(
        f, TinyModel.wav(shorts(Resampler.resample(Audio.mono(RATE, floats(joined)), 8000)), 8000));
    // the reference: the file's samples resampled to the model's rate (as recognize does) and
    // streamed under the same id (the dither seed); the tiny model, trained on 16 kHz audio, is
    // out of its domain on 8 kHz audio, so its words are compared, not checked against the truth
    float[] x = Resampler.resample(org.asrnas.frontend.audio.AudioReader.read(f), RATE).samples();
    StreamSession session = words.stream("at8k");
    List<SegmentResult> reference = new ArrayList<>(session.accept(x, 0, x.length));
    reference.addAll(session.finish());
    LongResult r = words.recognizeLong(f);
    LongResult original = words.recognizeLong(wav);
    assertEquals(2, r.segments().size());
    assertEquals(reference.size(), r.segments().size());
    for (int i = 0; i < reference.size(); i++) {
      assertEquals(reference.get(i).text(), r.segments().get(i).text());
      assertEquals(reference.get(i).result().score(), r.segments().get(i).result().score(), 1e-3);
      assertEquals(
          original.segments().get(i).startSeconds(), r.segments().get(i).startSeconds(), 0.02);
    }
    assertEquals(original.audioSeconds(), r.audioSeconds(), 1e-3);
  }

  /** Samples rounded to 16 bits (what a WAV file holds). */
  static short[] shorts(Audio a) {
    short[] s = new short[a.numSamples()];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(Math.max(-32768, Math.min(32767, a.samples()[i])));
    }
    return s;
  }

  @Test
  void aBlstmModelRunsOnWholeSegments() throws Exception {
    Path model = tmp.resolve("blstm.model");
    ArchitectureSpec spec =
        ArchitectureSpec.parse(
                "{\"input_dim\": 120, \"units\": 0, \"width\": 16, \"dropout\": 0.0,"
                    + " \"blocks\": [{\"op\": \"tdnn-C1D1\"}, {\"op\": \"blstm-H8\"}]}")
            .withUnits(3);
    try (NDManager m = NDManager.newBaseManager()) {
      AcousticModel net = AcousticModel.create(spec, m, 1);
      ModelFile.write(
          model,
          net,
          TrainConfig.defaults(),
          Units.read(TinyModel.runDir().resolve("units.txt")),
          Optional.of(FbankConfig.defaults()));
    }
    assertTrue(spec.receptiveField().isEmpty(), "a BLSTM has no finite context");
    try (Recognizer blstm = Recognizer.builder().setModel(model).build()) {
      LongResult r = blstm.recognizeLong(wav);
      LongResult tdnn = words.recognizeLong(wav);
      assertEquals(tdnn.segments().size(), r.segments().size());
      for (int i = 0; i < r.segments().size(); i++) {
        assertEquals(tdnn.segments().get(i).startSeconds(), r.segments().get(i).startSeconds());
        // no subsampling: one output frame per feature frame of the segment
        assertEquals(
            Math.round(r.segments().get(i).result().audioSeconds() * 100),
            r.segments().get(i).result().frames(),
            3);
      }
    }
  }

  @Test
  void silenceAloneGivesNoSegments() throws Exception {
    Path f = tmp.resolve("silence.wav");
    Files.write(f, TinyModel.wav(noise(5 * RATE, new Random(3))));
    LongResult r = words.recognizeLong(f);
    assertEquals(List.of(), r.segments());
    assertEquals("", r.text());
    assertEquals(5.0, r.audioSeconds(), 1e-9);
  }

  @Test
  void anEmptyFileIsNamed() throws Exception {
    Path f = tmp.resolve("empty.wav");
    Files.write(f, TinyModel.wav(new short[0]));
    AsrInputException e = assertThrows(AsrInputException.class, () -> words.recognizeLong(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsNamed() throws Exception {
    byte[] b = TinyModel.wav(joined);
    for (int len : new int[] {20, 44 + 1000, b.length / 2}) {
      Path f = tmp.resolve("cut" + len + ".wav");
      Files.write(f, Arrays.copyOf(b, len));
      AsrInputException e = assertThrows(AsrInputException.class, () -> words.recognizeLong(f));
      assertTrue(e.getMessage().contains(f.toString()), len + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), len + ": " + e.getMessage());
    }
  }

  @Test
  void aMissingOrStereoFileIsNamed() throws Exception {
    Path missing = tmp.resolve("nothing.wav");
    AsrInputException e = assertThrows(AsrInputException.class, () -> words.recognizeLong(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    Path stereo = tmp.resolve("stereo.wav");
    byte[] b = TinyModel.wav(new short[RATE * 2], RATE / 2);
    b[22] = 2; // two channels of 8 kHz: the same bytes
    b[32] = 4; // block align
    Files.write(stereo, b);
    e = assertThrows(AsrInputException.class, () -> words.recognizeLong(stereo));
    assertTrue(e.getMessage().contains(stereo.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("channels"), e.getMessage());
  }

  @Test
  void aStreamAtAnotherRateIsRefusedWithTheFix() {
    AudioFormat f = new AudioFormat(8000, 16, 1, true, false);
    AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(new byte[1600]), f, 800);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> words.recognizeLong(in, "s", x -> {}));
    assertTrue(
        e.getMessage().contains("8000.0 Hz") && e.getMessage().contains("sox"), e.getMessage());
  }

  @Test
  void aNonFiniteSampleIsRefused() {
    StreamSession s = words.stream("x");
    float[] x = new float[100];
    x[50] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.accept(x, 0, x.length));
    assertTrue(e.getMessage().contains("sample 50"), e.getMessage());
  }

  static short[] noise(int n, Random random) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (random.nextGaussian() * 30);
    }
    return s;
  }

  static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static float[] floats(short[] s) {
    float[] f = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      f[i] = s[i];
    }
    return f;
  }
}
