package org.asrnas.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed}: the root seed every component derives its own from. Unset unless given, so that a
 * {@code seed} key of a {@code --config} file is not overwritten by a default ({@link
 * OptionPrecedence}).
 */
final class SeedOption {
  /** The seed when neither the flag nor a config file gives one. */
  static final long DEFAULT_SEED = 1;

  @Option(names = "--seed", description = "root seed (default: a config file's seed, else 1)")
  Long seed;

  /** Whether {@code --seed} was given. */
  boolean given() {
    return seed != null;
  }

  /** {@code --seed}, else {@link #DEFAULT_SEED}. */
  long seed() {
    return seed != null ? seed : DEFAULT_SEED;
  }
}
