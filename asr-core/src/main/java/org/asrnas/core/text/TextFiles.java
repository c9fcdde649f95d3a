package org.asrnas.core.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.core.AsrInputException;

/**
 * UTF-8 text files whose decoding errors name the file, the line and the byte offset: Java's own
 * readers throw {@code MalformedInputException: Input length = 1} without either.
 */
public final class TextFiles {
  private TextFiles() {}

  /** All lines of a UTF-8 file; a byte that is not UTF-8 is an error at its line. */
  public static List<String> readAllLines(Path file) throws IOException, AsrInputException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw notUtf8(file);
    }
  }

  /**
   * The error for a file that failed to decode as UTF-8 (for callers that stream it): finds the
   * first malformed sequence, and names its line and byte offset.
   */
  public static AsrInputException notUtf8(Path file) throws IOException {
    long[] where = firstMalformed(file);
    String fix = "; convert the file with iconv -f LATIN1 -t UTF-8 (or its real encoding)";
    if (where == null) {
      return AsrInputException.inFile(file, "not valid UTF-8 text" + fix);
    }
    return new AsrInputException(
        file,
        where[0],
        where[1],
        String.format(java.util.Locale.ROOT, "byte 0x%02X is not valid UTF-8 text", where[2]) + fix,
        null);
  }

  /**
   * {line, byte offset, byte} of the first malformed UTF-8 sequence, or null when there is none.
   */
  static long[] firstMalformed(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long line = 1;
      long offset = 0;
      int b;
      while ((b = in.read()) >= 0) {
        long start = offset++;
        if (b == '\n') {
          line++;
          continue;
        }
        if (b < 0x80) {
          continue;
        }
        int need;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
          need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          need = 2;
          min2 = b == 0xE0 ? 0xA0 : 0x80;
          max2 = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          need = 3;
          min2 = b == 0xF0 ? 0x90 : 0x80;
          max2 = b == 0xF4 ? 0x8F : 0xBF;
        } else {
          return new long[] {line, start, b};
        }
        for (int k = 0; k < need; k++) {
          int c = in.read();
          boolean ok = c >= 0 && (k == 0 ? c >= min2 && c <= max2 : c >= 0x80 && c <= 0xBF);
          if (!ok) {
            return new long[] {line, start, b};
          }
          offset++;
        }
      }
      return null;
    }
  }
}
