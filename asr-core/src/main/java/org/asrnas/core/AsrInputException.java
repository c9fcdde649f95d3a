package org.asrnas.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Malformed corpus, audio or configuration input. The message always names the file, the place in
 * it (line or byte offset, when known) and what was expected, so that a user can fix the input.
 */
public class AsrInputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final long byteOffset;

  /**
   * @param file the offending file
   * @param line 1-based line number, or 0 when not line oriented
   * @param byteOffset byte offset, or -1 when not known
   * @param message what is wrong and how to fix it
   */
  public AsrInputException(Path file, long line, long byteOffset, String message) {
    this(file, line, byteOffset, message, null);
  }

  public AsrInputException(Path file, long line, long byteOffset, String message, Throwable cause) {
    this(file, line, 0, byteOffset, message, cause);
  }

  private AsrInputException(
      Path file, long line, long column, long byteOffset, String message, Throwable cause) {
    super(format(file, line, column, byteOffset, message), cause);
    this.file = file;
    this.line = line;
    this.byteOffset = byteOffset;
  }

  /** An error at a line of a text file. */
  public static AsrInputException atLine(Path file, long line, String message) {
    return new AsrInputException(file, line, -1, message);
  }

  /** An error at a line and 1-based column of a text file ({@code file:line:column: message}). */
  public static AsrInputException atColumn(Path file, long line, long column, String message) {
    return new AsrInputException(file, line, column, -1, message, null);
  }

  /** An error at a byte offset of a binary file. */
  public static AsrInputException atByte(Path file, long byteOffset, String message) {
    return new AsrInputException(file, 0, byteOffset, message);
  }

  /** An error about a whole file. */
  public static AsrInputException inFile(Path file, String message) {
    return new AsrInputException(file, 0, -1, message);
  }

  public Path file() {
    return file;
  }

  /** 1-based line, or 0 when the error is not tied to a line. */
  public long line() {
    return line;
  }

  /** Byte offset, or -1 when the error is not tied to one. */
  public long byteOffset() {
    return byteOffset;
  }

  private static String format(Path file, long line, long column, long byteOffset, String message) {
    Objects.requireNonNull(message, "message");
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "<input>" : file.toString());
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    if (byteOffset >= 0) {
      sb.append(" (byte ").append(byteOffset).append(')');
    }
    return sb.append(": ").append(message).toString();
  }
}
