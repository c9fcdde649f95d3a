package org.asrnas.cli;

import org.asrnas.core.AsrInputException;
import picocli.CommandLine;

/**
 * Turns exceptions into one clear line on standard error and an exit code: bad input files and
 * failures give 1, a caller's mistake in an option ({@link IllegalArgumentException}) gives 2. Set
 * {@code ASR_DEBUG=1} for stack traces.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    if (System.getenv("ASR_DEBUG") != null) {
      ex.printStackTrace(cl.getErr());
    }
    if (ex instanceof AsrInputException) {
      cl.getErr().println("error: " + ex.getMessage());
      return 1;
    }
    if (ex instanceof IllegalArgumentException) {
      cl.getErr().println("error: " + ex.getMessage());
      cl.getErr().println("Try 'asr " + cl.getCommandName() + " --help' for usage.");
      return 2;
    }
    cl.getErr().println("error: " + ex);
    return 1;
  }
}
