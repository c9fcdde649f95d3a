package org.asrnas.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code asr}, {@code asr data}, {@code asr lm}, {@code asr
 * corpus}, {@code asr nas}): run without one, it is a usage error.
 */
abstract class CommandGroup implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
