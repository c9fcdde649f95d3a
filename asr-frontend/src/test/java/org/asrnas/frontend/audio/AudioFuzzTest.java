package org.asrnas.frontend.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutated audio through {@link AudioReader}: every input decodes or fails with {@link
 * AsrInputException}, never another exception, and what one input allocates is bounded by its size.
 * The corpus ({@link FuzzCorpus}) is generated at test time from a fixed seed; {@code
 * -Dasr.fuzz.mutants=N} (or {@code -Pslow}) runs more.
 */
class AudioFuzzTest {
  /**
   * Bytes the reader may allocate for an input of {@code n} bytes: a floor plus the worst case of
   * shorten, {@link Shorten#MAX_SAMPLES_PER_BYTE} samples per byte at about 16 bytes each (int
   * buffer with its doublings, then floats).
   */
  static long allocationBound(long n) {
    return (32L << 20) + 16L * Shorten.MAX_SAMPLES_PER_BYTE * n;
  }

  /** Outcome counts of a corpus run. */
  record Outcome(int decoded, int rejected) {}

  static Outcome readAll(List<FuzzCorpus.Mutant> corpus) {
    com.sun.management.ThreadMXBean mx =
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()
            ? t
            : null;
    int decoded = 0;
    int rejected = 0;
    for (FuzzCorpus.Mutant m : corpus) {
      Path name = Path.of(m.name().replace(':', '_').replace('/', '_'));
      long before = mx == null ? 0 : mx.getCurrentThreadAllocatedBytes();
      try {
        Audio a = AudioReader.decode(m.bytes(), name, m.name().hashCode() % 7 == 0);
        assertTrue(a.numSamples() > 0, m.toString());
        decoded++;
      } catch (AsrInputException e) {
        if (m.valid()) {
          fail("valid seed rejected: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(name.toString()), e.getMessage());
        assertTrue(e.getMessage().length() < 2000, e.getMessage());
        rejected++;
      } catch (Throwable e) {
        AssertionError ae = new AssertionError(m + " threw " + e, e);
        throw ae;
      }
      if (mx != null) {
        long used = mx.getCurrentThreadAllocatedBytes() - before;
        if (used > allocationBound(m.bytes().length)) {
          fail(String.format(Locale.ROOT, "%s allocated %d bytes", m, used));
        }
      }
    }
    return new Outcome(decoded, rejected);
  }

  @Test
  void seedsDecode() throws Exception {
    for (FuzzCorpus.Mutant s : FuzzCorpus.seeds()) {
      Audio a = AudioReader.decode(s.bytes(), Path.of(s.name()), false);
      assertTrue(a.numSamples() >= 1200, s + ": " + a);
    }
  }

  @Test
  void fourHundredMutantsDecodeOrFailWithTheInputException() {
    List<FuzzCorpus.Mutant> corpus = new java.util.ArrayList<>(FuzzCorpus.seeds());
    corpus.addAll(FuzzCorpus.mutants(17, 400));
    Outcome o = readAll(corpus);
    System.out.println("AudioFuzzTest: " + corpus.size() + " inputs, " + o);
    // The corpus must exercise both outcomes, or it tests nothing.
    assertTrue(o.decoded() > 20 && o.rejected() > 200, o.toString());
  }

  @Test
  @Tag("slow")
  void manyMutants() {
    int n = Integer.getInteger("asr.fuzz.mutants", 20_000);
    for (long seed = 1; seed <= 4; seed++) {
      Outcome o = readAll(FuzzCorpus.mutants(seed * 1_000_003, n / 4));
      assertEquals(n / 4, o.decoded() + o.rejected());
    }
  }
}
