package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.ChecksummedFile;
import org.asrnas.core.text.Units;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integrity and bounded reads of .model files (issue 17; reliability review F4). */
class ModelFileTest {
  @TempDir Path tmp;

  static NDManager manager;
  static AcousticModel model;
  static final Units UNITS = Units.of(List.of("a", "b", "d", "i", "s"));
  static final TrainConfig CONFIG = TrainConfig.defaults();

  @BeforeAll
  static void model() {
    manager = NDManager.newBaseManager();
    ArchitectureSpec spec = ArchitectureSpec.parse(TinyCorpus.MODEL_JSON).withUnits(UNITS.size());
    model = AcousticModel.create(spec, manager, 3);
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private Path write(String name) throws Exception {
    Path f = tmp.resolve(name);
    ModelFile.write(f, model, CONFIG, UNITS);
    return f;
  }

  /** The format of version 1 (no checksum), as asr wrote it before issue 17. */
  private byte[] version1(AcousticModel m) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeUTF("ASR-NAS-MODEL-1");
    ModelFile.writeLong(out, m.spec().toJson());
    ModelFile.writeLong(out, CONFIG.toJson());
    ModelFile.writeLong(out, String.join("\n", UNITS.symbols().subList(1, UNITS.size())));
    m.parameters().write(out);
    out.flush();
    return bytes.toByteArray();
  }

  private void assertSameWeights(AcousticModel a, AcousticModel b) {
    for (String k : a.parameters().arrays().keySet()) {
      assertArrayEquals(
          a.parameters().get(k).toFloatArray(), b.parameters().get(k).toFloatArray(), k);
    }
  }

  @Test
  void roundTripsTheModel() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      ModelFile.Loaded l = ModelFile.read(write("m.model"), m);
      assertSameWeights(model, l.model());
      assertEquals(UNITS.symbols(), l.units().symbols());
      assertEquals(CONFIG, l.config());
    }
  }

  /** Target of issue 17: 100 random bit flips of a model file, every one detected on load. */
  @Test
  void hundredRandomBitFlipsAreAllDetectedOnLoad() throws Exception {
    Path f = write("flip.model");
    byte[] good = Files.readAllBytes(f);
    Random r = new Random(20241217);
    int detected = 0;
    for (int i = 0; i < 100; i++) {
      int bit = r.nextInt(good.length * 8);
      byte[] b = good.clone();
      b[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(f, b);
      try (NDManager m = NDManager.newBaseManager()) {
        AsrInputException e =
            assertThrows(AsrInputException.class, () -> ModelFile.read(f, m), "bit " + bit);
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        detected++;
      }
    }
    assertEquals(100, detected);
  }

  @Test
  void aFlipInTheWeightsSaysChecksumMismatchAndTheFix() throws Exception {
    Path f = write("w.model");
    byte[] b = Files.readAllBytes(f);
    b[b.length - 100] ^= 0x04;
    Files.write(f, b);
    try (NDManager m = NDManager.newBaseManager()) {
      AsrInputException e = assertThrows(AsrInputException.class, () -> ModelFile.read(f, m));
      assertTrue(
          e.getMessage().contains("checksum mismatch")
              && e.getMessage().contains("re-train or re-copy it"),
          e.getMessage());
    }
  }

  @Test
  void version1FilesWithoutChecksumStillLoad() throws Exception {
    Path f = tmp.resolve("old.model");
    Files.write(f, version1(model));
    try (NDManager m = NDManager.newBaseManager()) {
      assertSameWeights(model, ModelFile.read(f, m).model());
    }
  }

  @Test
  void aNewerVersionIsAClearError() throws Exception {
    Path f = write("new.model");
    byte[] b = Files.readAllBytes(f);
    // "ASR-NAS-MODEL-2" -> "ASR-NAS-MODEL-9" (the magic's last byte, after the 2-byte length)
    b[2 + "ASR-NAS-MODEL-".length()] = '9';
    Files.write(f, b);
    try (NDManager m = NDManager.newBaseManager()) {
      AsrInputException e = assertThrows(AsrInputException.class, () -> ModelFile.read(f, m));
      assertTrue(e.getMessage().contains("version 9 is newer"), e.getMessage());
    }
  }

  @Test
  void nanWeightsAreRejectedOnLoad() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      AcousticModel bad =
          AcousticModel.create(
              ArchitectureSpec.parse(TinyCorpus.MODEL_JSON).withUnits(UNITS.size()), m, 3);
      NDArray p = bad.parameters().arrays().values().iterator().next();
      float[] v = p.toFloatArray();
      v[1] = Float.NaN;
      p.set(java.nio.FloatBuffer.wrap(v));
      Path f = tmp.resolve("nan.model");
      ModelFile.write(f, bad, CONFIG, UNITS);
      AsrInputException e = assertThrows(AsrInputException.class, () -> ModelFile.read(f, m));
      assertTrue(
          e.getMessage().contains("NaN at index 1") && e.getMessage().contains("nan.model"),
          e.getMessage());
    }
  }

  /**
   * F4 (reliability review): length fields of a .model (spec length 2^31-1 or -5, a rank of 10^9, a
   * float count of 2^31-1) allocated what they said (up to 8.2 GB) or threw
   * NegativeArraySizeException without the file; now every one fails at once naming the file.
   */
  @Test
  void craftedLengthFieldsFailFastNamingTheFile() throws Exception {
    byte[] good = version1(model);
    int specLengthAt = 2 + "ASR-NAS-MODEL-1".length();
    int paramsAt = paramsOffset(good);
    String firstName = model.parameters().arrays().keySet().iterator().next();
    int rankAt = paramsAt + 4 + 2 + firstName.getBytes(StandardCharsets.UTF_8).length;
    int rank = ByteBuffer.wrap(good).getInt(rankAt);
    int countAt = rankAt + 4 + 8 * rank;
    int[][] cases = {
      {specLengthAt, Integer.MAX_VALUE},
      {specLengthAt, 1_500_000_000},
      {specLengthAt, -5},
      {rankAt, 1_000_000_000},
      {rankAt, -1},
      {countAt, Integer.MAX_VALUE},
      {countAt, -7},
      {paramsAt, 1_000_000}
    };
    for (int[] c : cases) {
      byte[] b = good.clone();
      ByteBuffer.wrap(b).putInt(c[0], c[1]);
      Path f = tmp.resolve("crafted.model");
      Files.write(f, b);
      long t0 = System.nanoTime();
      try (NDManager m = NDManager.newBaseManager()) {
        AsrInputException e =
            assertThrows(AsrInputException.class, () -> ModelFile.read(f, m), c[0] + " := " + c[1]);
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
      }
      assertTrue((System.nanoTime() - t0) / 1e9 < 5, "took too long: " + c[0] + " := " + c[1]);
    }
  }

  /** Fbank options whose 8 columns with deltas of order 2 are the tiny model's 24 inputs. */
  static final FbankConfig FRONTEND =
      FbankConfig.defaults().withNumMelBins(8).withSampleFrequency(8000).withDither(0);

  @Test
  void version3RoundTripsTheFeaturePipeline() throws Exception {
    Path f = tmp.resolve("v3.model");
    ModelFile.write(f, model, CONFIG, UNITS, Optional.of(FRONTEND));
    try (NDManager m = NDManager.newBaseManager()) {
      ModelFile.Loaded l = ModelFile.read(f, m);
      assertEquals(3, l.version());
      assertSameWeights(model, l.model());
      FeaturePipeline p = l.pipeline();
      assertEquals(Optional.of(FRONTEND), p.frontend());
      assertEquals(FeaturePipeline.CmvnScope.PER_SPEAKER, p.cmvn());
      assertEquals(CONFIG.normVars(), p.normVars());
      assertEquals(CONFIG.deltaOrder(), p.deltaOrder());
      assertEquals(CONFIG.deltaWindow(), p.deltaWindow());
      assertEquals(3, p.subsampling(), "tdnn-C1D1S3 subsamples by 3");
      assertEquals(0.03, p.outputFrameShiftSeconds(), 1e-12);
    }
  }

  @Test
  void theSummaryReadsPipelineAndUnitsWithoutTheWeights() throws Exception {
    Path f = tmp.resolve("summary.model");
    ModelFile.write(f, model, CONFIG, UNITS, Optional.of(FRONTEND));
    ModelFile.Summary s = ModelFile.summary(f);
    assertEquals(3, s.version());
    assertEquals(Optional.of(FRONTEND), s.pipeline().frontend());
    assertEquals(UNITS.symbols(), s.units().symbols());
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length - 7));
    AsrInputException e = assertThrows(AsrInputException.class, () -> ModelFile.summary(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void aVersion3FileWithoutFbankOptionsHasNoFrontend() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      ModelFile.Loaded l = ModelFile.read(write("nofbank.model"), m);
      assertEquals(3, l.version());
      assertTrue(l.pipeline().frontend().isEmpty());
    }
  }

  /** A file as asr wrote it before the pipeline section (format 2, with the CRC trailer). */
  @Test
  void version2FilesStillLoadWithThePipelineFromTheConfig() throws Exception {
    Path f = tmp.resolve("v2.model");
    ChecksummedFile.write(
        f,
        "ASR-NAS-MODEL-2",
        out -> {
          ModelFile.writeLong(out, model.spec().toJson());
          ModelFile.writeLong(out, CONFIG.toJson());
          ModelFile.writeLong(out, String.join("\n", UNITS.symbols().subList(1, UNITS.size())));
          model.parameters().write(out);
        });
    try (NDManager m = NDManager.newBaseManager()) {
      ModelFile.Loaded l = ModelFile.read(f, m);
      assertEquals(2, l.version());
      assertSameWeights(model, l.model());
      assertEquals(UNITS.symbols(), l.units().symbols());
      assertTrue(l.pipeline().frontend().isEmpty(), "version 2 has no fbank options");
      assertEquals(CONFIG.deltaOrder(), l.pipeline().deltaOrder());
      assertEquals(3, l.pipeline().subsampling());
    }
  }

  @Test
  void version4IsRefusedNamingTheFile() throws Exception {
    Path f = tmp.resolve("v4.model");
    ModelFile.write(f, model, CONFIG, UNITS, Optional.of(FRONTEND));
    byte[] b = Files.readAllBytes(f);
    assertEquals('3', b[2 + "ASR-NAS-MODEL-".length()]);
    b[2 + "ASR-NAS-MODEL-".length()] = '4';
    Files.write(f, b);
    try (NDManager m = NDManager.newBaseManager()) {
      AsrInputException e = assertThrows(AsrInputException.class, () -> ModelFile.read(f, m));
      assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
      assertTrue(
          e.getMessage().contains("format version 4 is newer than this asr reads (up to 3)"),
          e.getMessage());
    }
  }

  @Test
  void aTruncatedFileIsNamed() throws Exception {
    Path f = tmp.resolve("cut.model");
    ModelFile.write(f, model, CONFIG, UNITS, Optional.of(FRONTEND));
    byte[] b = Files.readAllBytes(f);
    for (int len : new int[] {0, 1, 10, b.length / 2, b.length - 1}) {
      Files.write(f, java.util.Arrays.copyOf(b, len));
      try (NDManager m = NDManager.newBaseManager()) {
        AsrInputException e = assertThrows(AsrInputException.class, () -> ModelFile.read(f, m));
        assertTrue(e.getMessage().startsWith(f.toString()), len + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), len + ": " + e.getMessage());
      }
    }
  }

  @Test
  void aPipelineThatDoesNotFitTheNetworkIsCorrupt() throws Exception {
    Path f = tmp.resolve("misfit.model");
    // 40 mel bins x 3 = 120 inputs, the network takes 24
    ModelFile.write(f, model, CONFIG, UNITS, Optional.of(FbankConfig.defaults()));
    try (NDManager m = NDManager.newBaseManager()) {
      AsrInputException e = assertThrows(AsrInputException.class, () -> ModelFile.read(f, m));
      assertTrue(
          e.getMessage().contains("does not fit the architecture")
              && e.getMessage().contains("input_dim is 24"),
          e.getMessage());
    }
  }

  /** The offset of the parameter count: after the magic and the three length-prefixed strings. */
  private static int paramsOffset(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b);
    int p = 2 + bb.getShort(0);
    for (int i = 0; i < 3; i++) {
      p += 4 + bb.getInt(p);
    }
    return p;
  }
}
