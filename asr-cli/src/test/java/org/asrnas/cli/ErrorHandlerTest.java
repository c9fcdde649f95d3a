package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;

/** F13 of the reliability review: one line without Java wrapper text, and the right exit code. */
class ErrorHandlerTest {
  @Test
  void fileErrorsNameTheFileWithoutJavaClassNames() {
    assertEquals(
        "x/nope.json: no such file or directory",
        ErrorHandler.describe(new NoSuchFileException("x/nope.json")));
    assertEquals(
        "data/u1: Is a directory",
        ErrorHandler.describe(new FileSystemException("data/u1", null, "Is a directory")));
    assertEquals(
        "a.txt: no such file or directory",
        ErrorHandler.describe(new UncheckedIOException(new NoSuchFileException("a.txt"))));
    assertTrue(ErrorHandler.describe(new MalformedInputException(1)).contains("not valid UTF-8"));
    assertEquals(
        "f.arpa:3: bad",
        ErrorHandler.describe(AsrInputException.atLine(Path.of("f.arpa"), 3, "bad")));
  }

  @Test
  void outOfMemoryAnywhereInTheCausesIsOneLine() {
    String m = ErrorHandler.describe(new IOException(new OutOfMemoryError("Java heap space")));
    assertTrue(m.startsWith("out of memory (Java heap space)"), m);
    StringWriter err = new StringWriter();
    int code =
        ErrorHandler.runMain(
            () -> {
              throw new OutOfMemoryError("Java heap space");
            },
            new PrintWriter(err));
    assertEquals(1, code);
    assertTrue(err.toString().startsWith("error: out of memory"), err.toString());
  }

  @Test
  void bugsSayTheyAreBugs() {
    assertTrue(
        ErrorHandler.describe(new ArithmeticException("/ by zero")).startsWith("internal error:"));
  }

  @Test
  void augmentOptionMistakesAreUsageErrors() {
    CliRunner r = CliRunner.run("corpus", "augment", "in", "out", "--speeds", "3");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--speeds must be in [0.5, 2]"), r.err());
    CliRunner n = CliRunner.run("corpus", "augment", "in", "out", "--noise-snr", "20:5");
    assertEquals(2, n.exitCode(), n.err());
  }
}
