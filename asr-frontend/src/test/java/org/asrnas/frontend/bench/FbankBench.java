package org.asrnas.frontend.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;

/**
 * Benchmark driver for bench/fbank.sh: fbank frames per second over utterances stored as one int16
 * file plus a list of lengths, with 1 thread and with N threads (utterances in parallel). Prints
 * {@code java threads=T frames=F seconds=S fps=X}.
 */
public final class FbankBench {
  private FbankBench() {}

  public static void main(String[] args) throws Exception {
    Path audio = Path.of(args[0]);
    Path lengths = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    int bins = Integer.parseInt(args[3]);
    List<float[]> utts = load(audio, lengths);
    Fbank f = new Fbank(FbankConfig.defaults().withDither(0).withNumMelBins(bins));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    double best = Double.MAX_VALUE;
    long frames = 0;
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      List<Future<Integer>> fs = new ArrayList<>();
      for (float[] u : utts) {
        fs.add(pool.submit(() -> f.compute(u, 0).rows()));
      }
      long n = 0;
      for (Future<Integer> x : fs) {
        n += x.get();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      frames = n;
      if (rep >= 2) { // the first passes warm up the JIT
        best = Math.min(best, s);
      }
    }
    pool.shutdown();
    System.out.printf(
        Locale.ROOT,
        "java threads=%d frames=%d seconds=%.4f fps=%.1f%n",
        threads,
        frames,
        best,
        frames / best);
  }

  static List<float[]> load(Path audio, Path lengths) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(audio)).order(ByteOrder.LITTLE_ENDIAN);
    List<float[]> out = new ArrayList<>();
    for (String l : Files.readAllLines(lengths)) {
      float[] x = new float[Integer.parseInt(l.strip())];
      for (int i = 0; i < x.length; i++) {
        x[i] = b.getShort();
      }
      out.add(x);
    }
    return out;
  }
}
