package org.asrnas.nas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.asrnas.nas.ctc.CtcCriterion;
import org.asrnas.nas.ctc.CtcLoss;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;

/**
 * Java side of bench/train_step.sh: time per training step (forward, CTC, backward, Adam) of 6 x
 * tdnn-C1D1 width 640 on 16 x 500 frames, and the host-side parts (CTC on the host, copies of
 * activations and gradient across JNI).
 */
public final class TrainStepBench {
  private TrainStepBench() {}

  public static void main(String[] args) {
    int threads = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    int batch = 16;
    int frames = 500;
    int units = 72;
    String json =
        "{\"input_dim\": 120, \"units\": 72, \"width\": 640, \"dropout\": 0.5, \"blocks\":"
            + " [{\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D1\"},"
            + " {\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D1\"}, {\"op\": \"tdnn-C1D1\"}]}";
    Random r = new Random(1);
    float[] feats = new float[batch * frames * 120];
    for (int i = 0; i < feats.length; i++) {
      feats[i] = (float) r.nextGaussian();
    }
    int[] lengths = new int[batch];
    int[][] targets = new int[batch][];
    for (int b = 0; b < batch; b++) {
      lengths[b] = frames;
      targets[b] = new int[100];
      for (int k = 0; k < 100; k++) {
        targets[b][k] = 1 + r.nextInt(units - 1);
      }
    }
    Batch bt =
        new Batch(java.util.Collections.nCopies(batch, "u"), feats, frames, 120, lengths, targets);
    try (NDManager m = NDManager.newBaseManager()) {
      AcousticModel model = AcousticModel.create(ArchitectureSpec.parse(json), m, 1);
      Adam adam = new Adam(model.parameters(), 0.9, 0.999, 1e-8);
      CtcLoss loss = new CtcLoss(threads);
      CtcCriterion ctc = new CtcCriterion(loss);
      List<Double> step = new ArrayList<>();
      for (int i = 0; i < repeats + 2; i++) {
        long t0 = System.nanoTime();
        Trainer.trainStep(model, adam, ctc, bt, 1e-4, 5.0, m);
        if (i >= 2) {
          step.add((System.nanoTime() - t0) / 1e6);
        }
      }
      // host-side parts measured alone on the same shapes
      List<Double> ctcMs = new ArrayList<>();
      List<Double> copyMs = new ArrayList<>();
      try (NDManager s = m.newSubManager()) {
        NDArray x = s.create(feats, new Shape(batch, frames, 120));
        NDArray act = model.forward(x, lengths, false).activations();
        for (int i = 0; i < repeats; i++) {
          long t0 = System.nanoTime();
          float[] host = act.toFloatArray();
          long t1 = System.nanoTime();
          CtcLoss.Result res =
              loss.compute(host, batch, frames, units, lengths, targets, CtcLoss.Reduction.SUM);
          long t2 = System.nanoTime();
          NDArray g = s.create(res.gradient(), act.getShape());
          NDArray in = s.create(feats, new Shape(batch, frames, 120));
          long t3 = System.nanoTime();
          g.close();
          in.close();
          ctcMs.add((t2 - t1) / 1e6);
          copyMs.add(((t1 - t0) + (t3 - t2)) / 1e6);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "ours step %.1f ms (host CTC %.1f ms, JNI copies of features/activations/gradient %.1f ms)%n",
          median(step),
          median(ctcMs),
          median(copyMs));
    }
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(Double::compare);
    return s.get(s.size() / 2);
  }
}
