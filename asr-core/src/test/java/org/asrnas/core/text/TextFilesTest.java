package org.asrnas.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F13 of the reliability review: a non-UTF-8 lexicon or units.txt names the file and line. */
class TextFilesTest {
  @TempDir Path tmp;

  @Test
  void nonUtf8LexiconNamesFileLineAndByte() throws Exception {
    Path f = tmp.resolve("lexicon.txt");
    Files.write(f, "A AH\nB B IY\nCAF\u00c9 K AE F EY\n".getBytes(StandardCharsets.ISO_8859_1));
    AsrInputException e = assertThrows(AsrInputException.class, () -> Lexicon.read(f));
    assertEquals(
        f
            + ":3 (byte 15): byte 0xC9 is not valid UTF-8 text; convert the file with iconv -f"
            + " LATIN1 -t UTF-8 (or its real encoding)",
        e.getMessage());
    Path u = tmp.resolve("units.txt");
    Files.write(u, new byte[] {'<', 'b', 'l', 'k', '>', ' ', '0', '\n', (byte) 0xFF, ' ', '1'});
    assertEquals(2, assertThrows(AsrInputException.class, () -> Units.read(u)).line());
  }

  @Test
  void validMultiByteTextIsFine() throws Exception {
    Path f = tmp.resolve("ok.txt");
    Files.writeString(f, "caf\u00e9 \u4e2d\u6587 \ud83d\ude00\n");
    assertEquals(null, TextFiles.firstMalformed(f));
  }
}
