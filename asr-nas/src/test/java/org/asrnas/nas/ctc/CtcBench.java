package org.asrnas.nas.ctc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Java side of bench/ctc.sh: times {@link CtcLoss} (loss and gradient) on the batches that
 * bench/ctc_torch.py wrote, and checks them against torch's values stored with them.
 */
public final class CtcBench {
  private CtcBench() {}

  private static final String[] NAMES = {"train-b16-t167-v72", "long-b16-t500-v72"};

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int repeats = Integer.parseInt(args[2]);
    List<CtcGoldens.Case> cases = CtcGoldens.parse(Files.readAllBytes(file));
    CtcLoss ctc = new CtcLoss(threads);
    for (int c = 0; c < cases.size(); c++) {
      CtcGoldens.Case k = cases.get(c);
      float[] act = k.activations();
      CtcLoss.Result r = null;
      for (int w = 0; w < 5; w++) { // JIT warm-up
        r =
            ctc.compute(
                act,
                k.batch(),
                k.time(),
                k.vocab(),
                k.inputLengths(),
                k.targets(),
                CtcLoss.Reduction.SUM);
      }
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        r =
            ctc.compute(
                act,
                k.batch(),
                k.time(),
                k.vocab(),
                k.inputLengths(),
                k.targets(),
                CtcLoss.Reduction.SUM);
        ms.add((System.nanoTime() - t0) / 1e6);
      }
      ms.sort(Double::compare);
      double lossDiff = 0;
      double gradDiff = 0;
      for (int b = 0; b < k.batch(); b++) {
        lossDiff = Math.max(lossDiff, Math.abs(r.losses()[b] - k.lossNone()[b]));
        for (int j = 0; j < k.frames()[b].length; j++) {
          for (int v = 0; v < k.vocab(); v++) {
            float got = r.gradient()[(b * k.time() + k.frames()[b][j]) * k.vocab() + v];
            gradDiff = Math.max(gradDiff, Math.abs(got - k.grad()[b][j][v]));
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "ours %s %.3f ms (max |loss diff| %.2e, max |grad diff| %.2e vs torch float64)%n",
          NAMES[c],
          ms.get(ms.size() / 2),
          lossDiff,
          gradDiff);
    }
  }
}
