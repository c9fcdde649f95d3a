package org.asrnas.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Seeded randomness. One root seed (the {@code --seed} option) drives every random choice in a run;
 * each component derives its own stream from the root and a stable name, so adding a component
 * never changes the numbers another one draws.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * A seed for the component {@code name}, derived from {@code rootSeed} with SplitMix64 over the
   * root and a 64-bit FNV-1a hash of the name. Stable across JVMs and releases.
   */
  public static long derive(long rootSeed, String name) {
    Checks.checkNotNull(name, "name");
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return mix64(rootSeed ^ mix64(h));
  }

  /** A {@link Random} for the component {@code name}. */
  public static Random random(long rootSeed, String name) {
    return new Random(derive(rootSeed, name));
  }

  /** A {@link SplittableRandom} for the component {@code name}. */
  public static SplittableRandom splittable(long rootSeed, String name) {
    return new SplittableRandom(derive(rootSeed, name));
  }

  /** Fisher-Yates shuffle with an explicit generator (there is no unseeded variant on purpose). */
  public static <T> void shuffle(List<T> list, Random random) {
    Checks.checkNotNull(random, "random");
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }

  /** The SplitMix64 finaliser (Steele, Lea and Flood, 2014). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
