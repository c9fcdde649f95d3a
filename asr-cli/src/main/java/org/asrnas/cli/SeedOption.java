package org.asrnas.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: the root seed every component derives its own from (default 1). */
final class SeedOption {
  @Option(
      names = "--seed",
      description = "root seed (default: ${DEFAULT-VALUE})",
      defaultValue = "1")
  long seed;
}
