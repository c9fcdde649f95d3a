package org.asrnas.nas.search;

import java.util.Locale;

/** The search strategies of design.md §6. */
public enum Strategy {
  /** ST-NAS: straight-through α step on held-out data, single-path weight step. */
  ST,
  /** DARTS, first order: softmax mixture in both alternating steps. */
  DARTS,
  /** SNAS: Gumbel-softmax mixture with annealed temperature, α and weights updated jointly. */
  SNAS,
  /** ProxylessNAS-style: binary gates over two sampled paths per α step. */
  PROXYLESS,
  /** Random search: k sampled architectures trained briefly, best held-out loss kept. */
  RANDOM;

  /** Parses {@code st|darts|snas|proxyless|random}. */
  public static Strategy parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown strategy '" + s + "'; expected st, darts, snas, proxyless or random", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
