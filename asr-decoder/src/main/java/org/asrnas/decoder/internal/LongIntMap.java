package org.asrnas.decoder.internal;

import java.util.Arrays;

/**
 * Open-addressing hash map from long keys to int values with O(1) {@link #clear()} (a generation
 * stamp per slot), so the decoders can reuse one map every frame without allocating. Fixed capacity
 * is grown only when needed.
 */
public final class LongIntMap {
  private long[] keys;
  private int[] values;
  private int[] stamp;
  private int generation = 1;
  private int size;
  private int mask;

  public LongIntMap(int expected) {
    allocate(expected);
  }

  private void allocate(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    stamp = new int[cap];
    mask = cap - 1;
    size = 0;
    generation = 1;
  }

  /** Makes sure that {@code n} entries fit without growing; clears the map if it reallocates. */
  public void ensureCapacity(int n) {
    if (n * 2 > keys.length) {
      allocate(n);
    }
  }

  public void clear() {
    size = 0;
    generation++;
    if (generation == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      generation = 1;
    }
  }

  public int size() {
    return size;
  }

  private static int hash(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  /** The value of {@code key}, or {@code missing}. */
  public int get(long key, int missing) {
    int i = hash(key) & mask;
    while (stamp[i] == generation) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return missing;
  }

  /** Puts {@code key -> value}; returns the previous value or {@code missing}. */
  public int put(long key, int value, int missing) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int i = hash(key) & mask;
    while (stamp[i] == generation) {
      if (keys[i] == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
      i = (i + 1) & mask;
    }
    stamp[i] = generation;
    keys[i] = key;
    values[i] = value;
    size++;
    return missing;
  }

  private void grow() {
    long[] k = keys;
    int[] v = values;
    int[] s = stamp;
    int g = generation;
    allocate(k.length);
    for (int i = 0; i < k.length; i++) {
      if (s[i] == g) {
        put(k[i], v[i], -1);
      }
    }
  }
}
