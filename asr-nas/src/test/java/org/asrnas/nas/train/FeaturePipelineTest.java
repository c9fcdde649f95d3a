package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.Deltas;
import org.asrnas.frontend.features.FbankConfig;
import org.junit.jupiter.api.Test;

/** The feature pipeline section of model files: JSON, validation, and the network input. */
class FeaturePipelineTest {
  static final FbankConfig FBANK = FbankConfig.defaults().withNumMelBins(23).withDither(0);

  @Test
  void roundTripsThroughJson() throws Exception {
    FeaturePipeline p =
        new FeaturePipeline(
            Optional.of(FBANK), FeaturePipeline.CmvnScope.PER_UTTERANCE, false, 1, 3, 4);
    assertEquals(p, FeaturePipeline.fromJson(p.toJson(), null));
    FeaturePipeline none = FeaturePipeline.of(Optional.empty(), TrainConfig.defaults(), 3);
    assertEquals(none, FeaturePipeline.fromJson(none.toJson(), null));
    assertTrue(none.toJson().contains("\"cmvn\":\"per-speaker\""), none.toJson());
  }

  @Test
  void unknownKeysAndBadValuesAreErrors() {
    String ok =
        "{\"cmvn\": \"per-speaker\", \"normVars\": true, \"deltaOrder\": 2, \"deltaWindow\": 2,"
            + " \"subsampling\": 3";
    assertThrows(
        AsrInputException.class, () -> FeaturePipeline.fromJson(ok + ", \"pitch\": 1}", null));
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () -> FeaturePipeline.fromJson(ok.replace("per-speaker", "global") + "}", null));
    assertTrue(e.getMessage().contains("per-utterance"), e.getMessage());
    assertThrows(
        AsrInputException.class,
        () ->
            FeaturePipeline.fromJson(
                ok.replace("\"deltaOrder\": 2", "\"deltaOrder\": 3") + "}", null));
    assertThrows(
        AsrInputException.class,
        () -> FeaturePipeline.fromJson(ok.replace(", \"subsampling\": 3", "") + "}", null));
    assertThrows(
        AsrInputException.class,
        () -> FeaturePipeline.fromJson(ok + ", \"frontend\": {\"numMelBins\": 1.5}}", null));
  }

  /** The network input is Kaldi's apply-cmvn with the utterance's own stats, then add-deltas. */
  @Test
  void networkInputIsCmvnOfTheUtteranceThenDeltas() {
    Random r = new Random(4);
    float[] d = new float[50 * 23];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextGaussian() * 3 + 7);
    }
    FloatMatrix fbank = new FloatMatrix(50, 23, d);
    FeaturePipeline p = FeaturePipeline.of(Optional.of(FBANK), TrainConfig.defaults(), 3);
    FloatMatrix want = Deltas.compute(Cmvn.apply(fbank, Cmvn.of(fbank), true), 2, 2);
    FloatMatrix got = p.networkInput(fbank);
    assertEquals(69, got.cols());
    assertEquals(69, p.inputDim(23));
    assertArrayEquals(want.data(), got.data());
    assertEquals(0.03, p.outputFrameShiftSeconds(), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> p.networkInput(new FloatMatrix(0, 23, new float[0])));
  }
}
