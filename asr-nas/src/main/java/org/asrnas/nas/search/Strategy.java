package org.asrnas.nas.search;

import java.util.Locale;

/** The search strategies of docs/design.md §6. */
public enum Strategy {
  /** ST-NAS: straight-through α step on held-out data, single-path weight step. */
  ST,
  /** DARTS, first order: softmax mixture in both alternating steps. */
  DARTS,
  /** SNAS: Gumbel-softmax mixture with annealed temperature, α and weights updated jointly. */
  SNAS,
  /** ProxylessNAS-style: binary gates over two sampled paths per α step. */
  PROXYLESS,
  /**
   * The null hypothesis: one architecture drawn uniformly from the space with the seed, retrained
   * like the others; no warm-up, no search.
   */
  RANDOM,
  /**
   * Random search with weight sharing: the same warm-up, the search's weight-step budget on
   * uniformly sampled single paths, then {@code randomArchitectures} uniformly drawn architectures
   * scored on the held-out set with the shared weights (forward only); the lowest loss is kept.
   */
  RSWS;

  /** Parses {@code st|darts|snas|proxyless|random|rsws}. */
  public static Strategy parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown strategy '" + s + "'; expected st, darts, snas, proxyless, random or rsws", e);
    }
  }

  /** True for the strategies that learn logits α (and so have π, pi.csv and an argmax). */
  public boolean learnsAlphas() {
    return this != RANDOM && this != RSWS;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
