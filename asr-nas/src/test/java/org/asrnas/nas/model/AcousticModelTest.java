package org.asrnas.nas.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AcousticModelTest {
  private static final Path SPACES = Path.of("../data/nas");

  @Test
  void opGrammarRoundTrips() {
    for (String s :
        List.of(
            "tdnn-C1D1",
            "tdnn-C2D2",
            "tdnn-C1D1S3",
            "sepconv-K5",
            "conv2d-K3C8",
            "identity",
            "zero",
            "blstm-H320")) {
      assertEquals(s, OpSpec.parse(s).name());
    }
    assertEquals(3, OpSpec.parse("tdnn-C1D1S3").stride());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OpSpec.parse("tdnn-C1"));
    assertTrue(e.getMessage().contains("tdnn-C{c}D{d}"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OpSpec.parse("sepconv-K4"));
  }

  @Test
  void outputLengthsFollowTheConvolutionFormula() {
    OpSpec s3 = OpSpec.parse("tdnn-C1D1S3");
    // floor((L + 2 - 2 - 1) / 3) + 1
    int[][] cases = {{1, 1}, {2, 1}, {3, 1}, {4, 2}, {6, 2}, {7, 3}, {500, 167}};
    for (int[] c : cases) {
      assertEquals(c[1], s3.outputLength(c[0]), "L=" + c[0]);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      ArchitectureSpec spec =
          ArchitectureSpec.parse(
              "{\"input_dim\": 4, \"units\": 5, \"width\": 8, \"blocks\": [{\"op\": \"tdnn-C2D2\"}],"
                  + " \"fixed\": [{\"after\": 1, \"op\": \"tdnn-C1D1S3\"}]}");
      AcousticModel model = AcousticModel.create(spec, m, 1);
      for (int len : new int[] {1, 5, 9, 10, 11}) {
        AcousticModel.Output o =
            model.forward(m.randomNormal(new Shape(1, len, 4)), new int[] {len}, false);
        assertEquals(spec.outputLength(len), o.activations().getShape().get(1));
        assertEquals(spec.outputLength(len), o.lengths()[0]);
      }
    }
  }

  @Test
  void shippedSpacesParseAndDerivedSizesMatchThePaper() throws Exception {
    try (var files = Files.list(SPACES)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        ArchitectureSpec s = ArchitectureSpec.read(p);
        assertEquals(s, ArchitectureSpec.parse(s.toJson()), p.toString());
      }
    }
    // units 0 in the file (taken from units.txt); the paper's sizes are for 72 units
    ArchitectureSpec space =
        ArchitectureSpec.read(SPACES.resolve("stnas-wsj-space.json")).withUnits(72);
    assertEquals(6, space.nodes().size());
    try (NDManager m = NDManager.newBaseManager()) {
      // all C1D1: the smallest derived network (paper: 7.7 M); all C2: the largest (11.9 M)
      long small = AcousticModel.create(space.derive(new int[6]), m, 0).parameters().count();
      long large =
          AcousticModel.create(space.derive(new int[] {3, 3, 3, 3, 3, 3}), m, 0)
              .parameters()
              .count();
      assertEquals(7.7e6, small, 0.1e6);
      assertEquals(11.9e6, large, 0.1e6);
    }
  }

  @Test
  void unknownKeysAreRejectedWithTheirName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ArchitectureSpec.parse(
                    "{\"input_dim\": 4, \"width\": 8, \"blocks\": [], \"widht\": 3}"));
    assertTrue(e.getMessage().contains("widht"), e.getMessage());
  }

  /** Every op must give an utterance the same output alone as in a padded batch. */
  @Test
  void paddingNeverLeaksIntoValidFrames() {
    for (String op :
        List.of(
            "tdnn-C2D2",
            "tdnn-C1D1S3",
            "sepconv-K5",
            "conv2d-K3C4",
            "blstm-H6",
            "identity",
            "zero")) {
      try (NDManager m = NDManager.newBaseManager()) {
        String json =
            "{\"input_dim\": 8, \"units\": 5, \"width\": 8, \"dropout\": 0.5, \"blocks\": [{\"op\": \"tdnn-C1D1\"}, {\"op\": \""
                + op
                + "\"}, {\"op\": \"tdnn-C1D2\"}]}";
        AcousticModel model = AcousticModel.create(ArchitectureSpec.parse(json), m, 5);
        Random r = new Random(1);
        int[] lens = {13, 7};
        float[] x = new float[2 * 13 * 8];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) r.nextGaussian();
        }
        for (int i = 13 * 8 + 7 * 8; i < x.length; i++) {
          x[i] = 1000f; // garbage padding of the second utterance
        }
        NDArray batch = m.create(x, new Shape(2, 13, 8));
        AcousticModel.Output both = model.forward(batch, lens, false);
        float[] alone =
            model
                .forward(batch.get("1:2, 0:7, :"), new int[] {7}, false)
                .activations()
                .toFloatArray();
        int outLen = both.lengths()[1];
        float[] fromBatch = both.activations().get("1, 0:" + outLen + ", :").toFloatArray();
        assertEquals(alone.length, fromBatch.length, op);
        for (int i = 0; i < alone.length; i++) {
          assertEquals(alone[i], fromBatch[i], 1e-4, op + " value " + i);
        }
      }
    }
  }

  @Test
  void parametersRoundTripThroughACheckpointStream() throws Exception {
    ArchitectureSpec spec = ArchitectureSpec.read(SPACES.resolve("blstm-cpu.json")).withUnits(10);
    try (NDManager m = NDManager.newBaseManager()) {
      AcousticModel a = AcousticModel.create(spec, m, 1);
      AcousticModel b = AcousticModel.create(spec, m, 2);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      a.parameters().write(new DataOutputStream(bytes));
      b.parameters().read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      for (String k : a.parameters().arrays().keySet()) {
        assertArrayEquals(
            a.parameters().get(k).toFloatArray(), b.parameters().get(k).toFloatArray(), k);
      }
      assertTrue(b.parameters().get("output.weight").hasGradient());
    }
  }
}
