package org.asrnas.recognizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.asrnas.core.AsrInputException;
import org.asrnas.frontend.audio.Audio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a clear error: {@link AsrInputException} naming the file for files, {@link
 * IllegalArgumentException} for arrays and streams; nothing else escapes.
 */
class RecognizerBadInputTest {
  @TempDir static Path tmp;
  static Recognizer r;

  @BeforeAll
  static void load() throws Exception {
    r = Recognizer.builder().setModel(TinyModel.runDir()).build();
  }

  @AfterAll
  static void close() {
    r.close();
  }

  private static Path copyOfModel(String name) throws Exception {
    Path f = tmp.resolve(name);
    Files.copy(TinyModel.runDir().resolve("final.model"), f);
    return f;
  }

  private static AsrInputException loadFails(Path model) {
    return assertThrows(
        AsrInputException.class, () -> Recognizer.builder().setModel(model).build().close());
  }

  @Test
  void aTruncatedModelFileIsNamed() throws Exception {
    Path f = copyOfModel("cut.model");
    byte[] b = Files.readAllBytes(f);
    for (int len : new int[] {0, 5, b.length / 3, b.length - 3}) {
      Files.write(f, Arrays.copyOf(b, len));
      AsrInputException e = loadFails(f);
      assertTrue(e.getMessage().startsWith(f.toString()), len + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), len + ": " + e.getMessage());
    }
  }

  @Test
  void anUnknownFormatVersionIsNamed() throws Exception {
    Path f = copyOfModel("v7.model");
    byte[] b = Files.readAllBytes(f);
    b[2 + "ASR-NAS-MODEL-".length()] = '7';
    Files.write(f, b);
    AsrInputException e = loadFails(f);
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("format version 7 is newer"), e.getMessage());
  }

  @Test
  void aMissingModelOrNotAModelIsNamed() throws Exception {
    Path none = tmp.resolve("none.model");
    assertTrue(loadFails(none).getMessage().contains("no such model file"));
    Path wav = tmp.resolve("a.wav");
    Files.write(wav, TinyModel.wav(new short[1600]));
    AsrInputException e = loadFails(wav);
    assertTrue(e.getMessage().startsWith(wav.toString()), e.getMessage());
  }

  @Test
  void aSampleRateTheModelCannotTakeIsRefused() {
    short[] s = new short[4000];
    for (int rate : new int[] {999, 500, 400_000}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> r.recognize(s, rate));
      assertTrue(e.getMessage().contains(rate + " Hz cannot be recognised"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> r.recognize(s, 0));
    assertThrows(IllegalArgumentException.class, () -> r.recognize(s, -16000));
    // 16001 Hz and 16000 Hz share no small factor: no resampling kernel
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.recognize(s, 16001));
    assertTrue(e.getMessage().contains("cannot resample 16001 Hz"), e.getMessage());
  }

  @Test
  void aFileAtARateThatCannotBeResampledIsNamed() throws Exception {
    Path f = tmp.resolve("odd.wav");
    Files.write(f, TinyModel.wav(new short[16001], 16001));
    AsrInputException e = assertThrows(AsrInputException.class, () -> r.recognize(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("cannot resample"), e.getMessage());
    Path low = tmp.resolve("low.wav");
    Files.write(low, TinyModel.wav(new short[800], 800));
    AsrInputException l = assertThrows(AsrInputException.class, () -> r.recognize(low));
    assertTrue(l.getMessage().startsWith(low.toString()), l.getMessage());
  }

  @Test
  void emptyAndTooShortAudioIsRefused() throws Exception {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.recognize(new short[0], 16000));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.recognize(new float[0], 16000));
    IllegalArgumentException s =
        assertThrows(IllegalArgumentException.class, () -> r.recognize(new short[100], 16000));
    assertTrue(s.getMessage().contains("too short for one frame"), s.getMessage());
    AudioInputStream none =
        new AudioInputStream(
            new ByteArrayInputStream(new byte[0]), new AudioFormat(16000, 16, 1, true, false), 0);
    assertThrows(IllegalArgumentException.class, () -> r.recognize(none));

    Path empty = tmp.resolve("empty.wav");
    Files.write(empty, TinyModel.wav(new short[0]));
    AsrInputException f = assertThrows(AsrInputException.class, () -> r.recognize(empty));
    assertTrue(f.getMessage().startsWith(empty.toString()), f.getMessage());
    Path zero = tmp.resolve("zero.wav");
    Files.write(zero, new byte[0]);
    AsrInputException z = assertThrows(AsrInputException.class, () -> r.recognize(zero));
    assertTrue(z.getMessage().startsWith(zero.toString()), z.getMessage());
    Path shortFile = tmp.resolve("short.wav");
    Files.write(shortFile, TinyModel.wav(new short[100]));
    AsrInputException sf = assertThrows(AsrInputException.class, () -> r.recognize(shortFile));
    assertTrue(
        sf.getMessage().startsWith(shortFile.toString())
            && sf.getMessage().contains("too short for one frame"),
        sf.getMessage());
  }

  @Test
  void aMissingOrGarbageAudioFileIsNamed() throws Exception {
    Path missing = tmp.resolve("missing.wav");
    AsrInputException m = assertThrows(AsrInputException.class, () -> r.recognize(missing));
    assertTrue(m.getMessage().startsWith(missing.toString()), m.getMessage());
    Path junk = tmp.resolve("junk.wav");
    byte[] b = new byte[5000];
    new Random(1).nextBytes(b);
    Files.write(junk, b);
    AsrInputException j = assertThrows(AsrInputException.class, () -> r.recognize(junk));
    assertTrue(j.getMessage().startsWith(junk.toString()), j.getMessage());
  }

  @Test
  void nonFiniteSamplesAndStereoAreRefused() throws Exception {
    float[] f = new float[16000];
    f[7] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.recognize(f, 16000));
    assertTrue(e.getMessage().contains("sample 7 is NaN"), e.getMessage());
    Audio stereo = new Audio(16000, new float[2][16000]);
    IllegalArgumentException s =
        assertThrows(IllegalArgumentException.class, () -> r.recognize(stereo, "x"));
    assertTrue(s.getMessage().contains("2 channels"), s.getMessage());
    AudioInputStream two =
        new AudioInputStream(
            new ByteArrayInputStream(new byte[64000]),
            new AudioFormat(16000, 16, 2, true, false),
            16000);
    assertThrows(IllegalArgumentException.class, () -> r.recognize(two));
  }

  @Test
  void builderMistakesAreIllegalArguments() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().build());
    IllegalArgumentException lm =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Recognizer.builder()
                    .setModel(TinyModel.runDir())
                    .optLm(tmp.resolve("lm.arpa"))
                    .build());
    assertTrue(lm.getMessage().contains("optLexicon"), lm.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Recognizer.builder().optNBest(0));
  }

  /**
   * A model file of format 2 (no feature options) loads with the fbank.json beside it; moved
   * elsewhere alone it is an error naming it and the fix, and {@code optFbankConfig} supplies them.
   */
  @Test
  void anOldModelWithoutFbankOptionsNeedsTheSideFile() throws Exception {
    Path dir = tmp.resolve("old");
    Files.createDirectories(dir);
    Path old = dir.resolve("final.model");
    V2Model.write(TinyModel.runDir().resolve("final.model"), old);
    AsrInputException e = loadFails(old);
    assertTrue(e.getMessage().startsWith(old.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("no feature options") && e.getMessage().contains("optFbankConfig"),
        e.getMessage());
    Path fbank = TinyModel.runDir().resolve("fbank.json");
    short[] pcm = TinyModel.tones(List.of("LOW", "HIGH"), new Random(2));
    String want = r.recognize(pcm, 16000).text();
    try (Recognizer given = Recognizer.builder().setModel(old).optFbankConfig(fbank).build()) {
      assertEquals(want, given.recognize(pcm, 16000).text());
    }
    Files.copy(fbank, dir.resolve("fbank.json"));
    try (Recognizer beside = Recognizer.builder().setModel(dir).build()) {
      assertEquals(want, beside.recognize(pcm, 16000).text());
    }
  }

  @Test
  void fbankOptionsThatDoNotFitTheNetworkAreNamed() throws Exception {
    Path cfg = tmp.resolve("fbank23.json");
    Files.writeString(cfg, "{\"numMelBins\": 23}");
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () ->
                Recognizer.builder()
                    .setModel(TinyModel.runDir())
                    .optFbankConfig(cfg)
                    .build()
                    .close());
    assertTrue(e.getMessage().startsWith(cfg.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("takes 120"), e.getMessage());
  }
}
