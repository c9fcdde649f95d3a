package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.Batch;

/**
 * One strategy's α step or weight step on a synthetic batch, for bench/search_cost.sh: median wall
 * time over the repeats and the process's peak resident set (JVM heap and libtorch's native memory
 * alike) while the steps ran, measured from /proc/self/status after resetting the peak through
 * /proc/self/clear_refs (Linux ≥ 4.0). Run one process per measurement so that memory freed by one
 * strategy cannot be reused by the next.
 *
 * <p>Arguments: space.json strategy alpha|weight batch frames repeats
 */
public final class SearchCostBench {
  private SearchCostBench() {}

  public static void main(String[] args) throws Exception {
    ArchitectureSpec space = ArchitectureSpec.read(Path.of(args[0]));
    Strategy strategy = Strategy.parse(args[1]);
    String kind = args[2];
    int batchSize = Integer.parseInt(args[3]);
    int frames = Integer.parseInt(args[4]);
    int repeats = Integer.parseInt(args[5]);
    if (space.units() == 0) {
      space = space.withUnits(40);
    }
    SearchConfig cfg = SearchConfig.defaults();
    try (NDManager m = NDManager.newBaseManager()) {
      Supernet net = Supernet.create(space, m, 1);
      Adam wa = new Adam(net.weights(), 0.9, 0.999, 1e-8);
      Adam aa = new Adam(net.alphas(), 0.9, 0.999, 1e-8);
      SearchSteps steps = new SearchSteps(net, wa, aa, cfg);
      Batch batch = synthetic(batchSize, frames, space.inputDim(), space.units(), 3);
      Random r = new Random(1);
      long baseline = status("VmRSS");
      resetPeak();
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        if (kind.equals("alpha")) {
          steps.alphaStep(strategy, batch, r, cfg.alphaLr(), 1.0, m);
        } else {
          steps.weightStep(strategy, batch, r, cfg.weightLr(), cfg.alphaLr(), 1.0, m);
        }
        ms.add((System.nanoTime() - t0) / 1e6);
      }
      long peak = status("VmHWM");
      double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "result %s %s %.1f %.1f %.1f %.1f%n",
          strategy.label(),
          kind,
          sorted[sorted.length / 2],
          peak / 1024.0,
          (peak - baseline) / 1024.0,
          baseline / 1024.0);
      System.out.printf(
          Locale.ROOT,
          "# %s %s: supernet %,d params, batch %d x %d frames, times ms %s%n",
          strategy.label(),
          kind,
          net.parameterCount(),
          batchSize,
          frames,
          Arrays.toString(sorted));
    }
  }

  private static Batch synthetic(int n, int frames, int dim, int units, long seed) {
    Random r = new Random(seed);
    float[] f = new float[n * frames * dim];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) r.nextGaussian();
    }
    int[] lengths = new int[n];
    int[][] targets = new int[n][];
    List<String> ids = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      lengths[b] = frames;
      targets[b] = new int[Math.max(1, frames / 12)];
      for (int t = 0; t < targets[b].length; t++) {
        targets[b][t] = 1 + r.nextInt(units - 1);
      }
      ids.add("u" + b);
    }
    return new Batch(ids, f, frames, dim, lengths, targets);
  }

  /** A field of /proc/self/status in KiB. */
  private static long status(String key) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
      if (l.startsWith(key + ":")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no " + key + " in /proc/self/status");
  }

  /** Resets VmHWM to the current RSS (Linux: "5" > /proc/self/clear_refs). */
  private static void resetPeak() throws IOException {
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
  }
}
