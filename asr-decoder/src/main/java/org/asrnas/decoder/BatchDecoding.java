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
import org.asrnas.core.Messages;
import org.asrnas.core.io.FloatMatrix;

/**
 * Decodes many utterances on several threads, one decoder per thread (decoders keep scratch
 * buffers, so they are not shared). Results come back in input order. With a skip sink, an
 * utterance whose log-probabilities cannot be read, hold NaN or +inf or are rejected by the decoder
 * is reported there and left out, and the others finish; without one, the first such error ends the
 * batch.
 */
public final class BatchDecoding {
  private BatchDecoding() {}

  /**
   * One utterance's result, the time its decoding took and the bytes the decoding thread allocated
   * meanwhile (-1 when the JVM cannot tell).
   */
  public record Result(
      String key, List<Hypothesis> nbest, int frames, long nanos, long allocatedBytes) {
    public Hypothesis best() {
      return nbest.get(0);
    }
  }

  /** An utterance left out, with a reason of at most {@value #MAX_REASON_CHARS} characters. */
  public record Skipped(String key, String reason) {
    @Override
    public String toString() {
      return key + ": " + reason;
    }
  }

  /** Longest reason of a {@link Skipped}. */
  public static final int MAX_REASON_CHARS = Messages.MAX_REASON_CHARS;

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
    return decodeAll(keys, source, decoders, threads, progress, null);
  }

  /**
   * Decodes every key; an utterance that fails goes to {@code skipped} (from worker threads)
   * instead of ending the batch, and is missing from the results.
   *
   * @param skipped receives the utterances left out; {@code null}: the first failure is thrown
   */
  public static List<Result> decodeAll(
      List<String> keys,
      Source source,
      Supplier<? extends CtcDecoder> decoders,
      int threads,
      Consumer<Result> progress,
      Consumer<Skipped> skipped)
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
                  FloatMatrix m;
                  List<Hypothesis> n;
                  CtcDecoder d = local.get();
                  long a0 = allocatedBytes();
                  long t0 = System.nanoTime();
                  try {
                    m = source.get(k);
                    checkFinite(m);
                    n = d.decode(m);
                  } catch (Exception e) {
                    if (skipped == null) {
                      throw e;
                    }
                    skipped.accept(new Skipped(k, reason(e)));
                    return null;
                  }
                  long t1 = System.nanoTime();
                  long a1 = allocatedBytes();
                  Result r = new Result(k, n, m.rows(), t1 - t0, a0 < 0 ? -1 : a1 - a0);
                  progress.accept(r);
                  return r;
                }));
      }
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) {
        try {
          Result r = f.get();
          if (r != null) {
            out.add(r);
          }
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

  /** Rejects NaN and +inf log-probabilities, which no decoder can rank (-inf is log 0). */
  private static void checkFinite(FloatMatrix m) {
    float[] x = m.data();
    for (int i = 0; i < x.length; i++) {
      if (Float.isNaN(x[i]) || x[i] == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "log-probabilities hold " + x[i] + " at frame " + (i / Math.max(1, m.cols())));
      }
    }
  }

  private static String reason(Exception e) {
    return Messages.reason(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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
