package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.asrnas.nas.ctc.CtcCriterion;
import org.asrnas.nas.ctc.CtcLoss;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pattern of the BLSTM training crash in docs/reliability/blstm-sigsegv.md (a SIGSEGV in native
 * code that jumped to an unmapped address; it did not reproduce). {@link Trainer} runs BLSTM steps
 * whose (batch, time) shape changes from step to step, with held-out forward passes in between.
 * libtorch's CPU LSTM and convolutions run on oneDNN, which JIT-compiles a kernel for every shape
 * and keeps 1,024 of them in an LRU cache. A SWBD epoch needs about 3,000, so kernels are evicted,
 * unmapped and compiled again while the parameters, gradients and Adam moments stay alive. Here 120
 * training shapes do the same (about 1,360 kernels, a third of them compiled twice). A native fault
 * on that path ends the test JVM. Memory damaged without a fault shows as a non-finite loss or
 * gradient norm, or as held-out output that changes after the churn: the learning rate is 0, so the
 * weights must not move.
 */
@Tag("slow")
class BlstmShapeChurnTest {
  private static final int DIM = 6;
  private static final int UNITS = 5;
  private static final String MODEL =
      """
      {"input_dim": 6, "units": 5, "width": 8, "dropout": 0.2,
       "blocks": [{"op": "tdnn-C1D1"}, {"op": "blstm-H4"}],
       "fixed": [{"after": 1, "op": "tdnn-C1D1S3"}]}
      """;

  @Test
  void stepsThroughMoreShapesThanOneDnnCachesLeaveTheNetworkIntact() {
    ArchitectureSpec spec = ArchitectureSpec.parse(MODEL);
    Random r = new Random(17);
    Batch probe = batch(r, 3, 45);
    // 4 batch sizes x 30 output lengths (4..91 input frames, stride 3): 120 shapes, about 1,360
    // oneDNN kernels; visited in a shuffled order, then the first 40 again, as epochs revisit them
    List<int[]> shapes = new ArrayList<>();
    for (int size = 1; size <= 4; size++) {
      for (int frames = 4; frames <= 91; frames += 3) {
        shapes.add(new int[] {size, frames});
      }
    }
    Collections.shuffle(shapes, r);
    List<int[]> visits = new ArrayList<>(shapes);
    visits.addAll(shapes.subList(0, 40));
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      AcousticModel model = AcousticModel.create(spec, m, 3);
      Adam adam = new Adam(model.parameters(), 0.9, 0.999, 1e-8);
      CtcCriterion ctc = new CtcCriterion(new CtcLoss(1));
      float[] before = heldOut(model, probe, m);
      int steps = 0;
      for (int[] s : visits) {
        double[] out = Trainer.trainStep(model, adam, ctc, batch(r, s[0], s[1]), 0.0, 5.0, m);
        steps++;
        assertTrue(
            Double.isFinite(out[0]) && Double.isFinite(out[1]),
            "step " + steps + " (" + s[0] + " x " + s[1] + "): " + Arrays.toString(out));
        if (steps % 4 == 0) {
          // the held-out pass of Trainer.evaluate, at a shape of its own
          for (float v : heldOut(model, batch(r, 5 - s[0], s[1] + 1), m)) {
            assertTrue(Float.isFinite(v), "held-out output after step " + steps);
          }
        }
      }
      assertArrayEquals(before, heldOut(model, probe, m), "weights moved or were overwritten");
    }
  }

  /** (size, frames) features; the first utterance is the longest, the rest are random lengths. */
  private static Batch batch(Random r, int size, int frames) {
    float[] x = new float[size * frames * DIM];
    int[] lengths = new int[size];
    int[][] targets = new int[size][];
    List<String> ids = new ArrayList<>();
    for (int b = 0; b < size; b++) {
      lengths[b] = b == 0 ? frames : 1 + r.nextInt(frames);
      for (int i = 0; i < lengths[b] * DIM; i++) {
        x[b * frames * DIM + i] = (float) r.nextGaussian();
      }
      // at most a third of the output frames (stride 3), so every utterance has an alignment
      targets[b] = r.ints(Math.max(1, lengths[b] / 9), 1, UNITS).toArray();
      ids.add("u" + b);
    }
    return new Batch(ids, x, frames, DIM, lengths, targets);
  }

  private static float[] heldOut(AcousticModel model, Batch b, NDManager parent) {
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(b.features(), new Shape(b.size(), b.maxFrames(), b.dim()));
      return model.forward(x, b.lengths(), false).activations().toFloatArray();
    }
  }
}
