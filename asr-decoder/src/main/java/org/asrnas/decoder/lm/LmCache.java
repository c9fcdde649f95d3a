package org.asrnas.decoder.lm;

import org.asrnas.core.Checks;

/**
 * A direct-mapped cache of {@link LanguageModel#score(int, int)} results for one decoding thread: a
 * beam queries the same (state, word) pairs frame after frame, and an array probe is cheaper than
 * the model's back-off walk. Not thread-safe; one per decoder.
 */
public final class LmCache {
  private final LanguageModel lm;
  private final long[] keys;
  private final long[] values;
  private final int mask;
  private long hits;
  private long misses;

  /** A cache of {@code 2^log2Size} entries. */
  public LmCache(LanguageModel lm, int log2Size) {
    this.lm = Checks.checkNotNull(lm, "lm");
    Checks.checkInRange(log2Size, 4, 26, "log2Size");
    keys = new long[1 << log2Size];
    values = new long[1 << log2Size];
    mask = (1 << log2Size) - 1;
    java.util.Arrays.fill(keys, -1L);
  }

  public LanguageModel model() {
    return lm;
  }

  /** Same as {@code model().score(state, word)}. */
  public long score(int state, int word) {
    long key = ((long) state << 32) | (word & 0xFFFFFFFFL);
    long h = key * 0x9E3779B97F4A7C15L;
    int i = (int) (h ^ (h >>> 31)) & mask;
    if (keys[i] == key) {
      hits++;
      return values[i];
    }
    misses++;
    long v = lm.score(state, word);
    keys[i] = key;
    values[i] = v;
    return v;
  }

  public long hits() {
    return hits;
  }

  public long misses() {
    return misses;
  }
}
