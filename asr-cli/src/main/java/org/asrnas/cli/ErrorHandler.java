package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.function.IntSupplier;
import org.asrnas.core.AsrInputException;
import picocli.CommandLine;

/**
 * Turns exceptions into one clear line on standard error and an exit code (the conventions: 0 ok, 1
 * failure, 2 bad usage). Bad file content ({@link AsrInputException}, which names the file) and
 * every other failure give 1; a caller's mistake in an option ({@link IllegalArgumentException}, or
 * picocli's {@link CommandLine.ParameterException}, which picocli reports itself) gives 2, so code
 * that reads files reports their problems as {@link AsrInputException}, never as {@link
 * IllegalArgumentException}. Messages show no Java class names for input problems; unexpected
 * exceptions (bugs) say so. Set {@code ASR_DEBUG=1} for stack traces.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  /** Exit code of a failed run. */
  static final int FAILURE = 1;

  /** Exit code of a command-line mistake. */
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    if (System.getenv("ASR_DEBUG") != null) {
      ex.printStackTrace(cl.getErr());
    }
    cl.getErr().println("error: " + describe(ex));
    if (ex instanceof IllegalArgumentException) {
      cl.getErr().println("Try 'asr " + cl.getCommandName() + " --help' for usage.");
      cl.getErr().flush();
      return USAGE;
    }
    cl.getErr().flush();
    return FAILURE;
  }

  /**
   * Runs {@code main} and turns a JVM {@link Error} that escaped it (picocli passes only {@link
   * Exception}s to the handler) into the same one-line message and exit 1.
   */
  static int runMain(IntSupplier main, PrintWriter err) {
    try {
      return main.getAsInt();
    } catch (OutOfMemoryError | StackOverflowError e) {
      if (System.getenv("ASR_DEBUG") != null) {
        e.printStackTrace(err);
      }
      err.println("error: " + describe(e));
      err.flush();
      return FAILURE;
    }
  }

  /** One line for the user: what failed, on which file, without Java wrapper text. */
  static String describe(Throwable ex) {
    for (Throwable c = ex; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        return "out of memory ("
            + c.getMessage()
            + "); an input may declare an impossible size, or give the JVM more heap:"
            + " ASR_JAVA_OPTS=-Xmx16g";
      }
      if (c instanceof StackOverflowError) {
        return "stack overflow (input nested too deeply?)";
      }
    }
    if (ex instanceof UncheckedIOException u && u.getCause() != null) {
      return describe(u.getCause());
    }
    if (ex instanceof AsrInputException) {
      return ex.getMessage();
    }
    if (ex instanceof NoSuchFileException f) {
      return f.getFile() + ": no such file or directory";
    }
    if (ex instanceof AccessDeniedException f) {
      return f.getFile() + ": permission denied";
    }
    if (ex instanceof NotDirectoryException f) {
      return f.getFile() + ": not a directory";
    }
    if (ex instanceof FileSystemException f) {
      return (f.getFile() == null ? "" : f.getFile() + ": ")
          + (f.getReason() == null ? "file system error" : f.getReason())
          + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
    }
    if (ex instanceof CharacterCodingException) {
      return "an input file is not valid UTF-8 text; convert it with iconv -t UTF-8";
    }
    if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
      return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
    if (ex instanceof IOException) {
      if (ex.getCause() != null
          && ex.getMessage() != null
          && ex.getMessage().equals(ex.getCause().toString())) {
        return describe(ex.getCause());
      }
      return ex.getMessage() == null ? "input/output error" : ex.getMessage();
    }
    return "internal error: "
        + ex
        + " (a bug: rerun with ASR_DEBUG=1 for the stack trace and report it)";
  }
}
