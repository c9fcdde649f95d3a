package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;

/**
 * Decodes many utterances on several threads, one decoder per thread (decoders keep scratch
 * buffers, so they are not shared). Results come back in input order.
 */
public final class BatchDecoding {
  private BatchDecoding() {}

  /** One utterance's result and the time its decoding took. */
  public record Result(String key, List<Hypothesis> nbest, int frames, long nanos) {
    public Hypothesis best() {
      return nbest.get(0);
    }
  }

  /** A source of log-probabilities by key (an archive read lazily, or a model run per file). */
  @FunctionalInterface
  public interface Source {
    FloatMatrix get(String key) throws Exception;
  }

  /**
   * Decodes every key.
   *
   * @param decoders makes one decoder per thread
   * @param threads worker threads (≥ 1)
   * @param progress called after each utterance (from worker threads), may be a no-op
   */
  public static List<Result> decodeAll(
      List<String> keys,
      Source source,
      Supplier<? extends CtcDecoder> decoders,
      int threads,
      Consumer<Result> progress)
      throws Exception {
    Checks.checkPositive(threads, "threads");
    ThreadLocal<CtcDecoder> local = ThreadLocal.withInitial(decoders);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (String k : keys) {
        futures.add(
            pool.submit(
                () -> {
                  FloatMatrix m = source.get(k);
                  long t0 = System.nanoTime();
                  List<Hypothesis> n = local.get().decode(m);
                  Result r = new Result(k, n, m.rows(), System.nanoTime() - t0);
                  progress.accept(r);
                  return r;
                }));
      }
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Exception x) {
            throw x;
          }
          throw e;
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Decodes an in-memory map of utterances. */
  public static Map<String, Result> decodeAll(
      Map<String, FloatMatrix> utterances, Supplier<? extends CtcDecoder> decoders, int threads)
      throws Exception {
    Map<String, Result> out = new LinkedHashMap<>();
    for (Result r :
        decodeAll(
            new ArrayList<>(utterances.keySet()), utterances::get, decoders, threads, x -> {})) {
      out.put(r.key(), r);
    }
    return out;
  }

  /**
   * Bytes allocated by the current thread so far, or -1 when the JVM cannot tell (HotSpot's {@code
   * com.sun.management.ThreadMXBean}); used to check that decoding does not allocate per frame.
   */
  public static long allocatedBytes() {
    java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
    if (b instanceof com.sun.management.ThreadMXBean s && s.isThreadAllocatedMemorySupported()) {
      return s.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
