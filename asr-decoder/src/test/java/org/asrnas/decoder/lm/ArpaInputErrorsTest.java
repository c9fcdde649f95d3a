package org.asrnas.decoder.lm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F14 (ARPA) and F13 of the reliability review: bad ARPA content is an error with file:line. */
class ArpaInputErrorsTest {
  @TempDir Path tmp;

  static final String HEAD = "\\data\\\nngram 1=3\n\n\\1-grams:\n";

  @Test
  void positiveLog10ProbabilityIsRejectedWithFileAndLine() throws Exception {
    Path f = tmp.resolve("pos.arpa");
    Files.writeString(f, HEAD + "-1\t<s>\n5.0\tA\n-1\t</s>\n\n\\end\\\n");
    for (ArpaModel.Mode mode : ArpaModel.Mode.values()) {
      AsrInputException e = assertThrows(AsrInputException.class, () -> ArpaModel.read(f, mode));
      assertTrue(
          e.getMessage().startsWith(f + ":6: log10 probability 5.0 is positive"), e.getMessage());
    }
    Files.writeString(f, HEAD + "-1\t<s>\nInfinity\tA\n-1\t</s>\n\n\\end\\\n");
    assertThrows(AsrInputException.class, () -> ArpaModel.read(f));
    Files.writeString(f, HEAD + "-1\t<s>\n0\tA\n-1\t</s>\n\n\\end\\\n");
    ArpaModel.read(f);
  }

  @Test
  void nonUtf8ArpaNamesFileAndLine() throws Exception {
    Path f = tmp.resolve("latin1.arpa");
    Files.write(
        f,
        (HEAD + "-1\t<s>\n-1\tCAF\u00c9\n-1\t</s>\n\n\\end\\\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    AsrInputException e = assertThrows(AsrInputException.class, () -> ArpaModel.read(f));
    assertTrue(e.getMessage().startsWith(f + ":6 (byte "), e.getMessage());
    assertTrue(e.getMessage().contains("byte 0xC9 is not valid UTF-8"), e.getMessage());
  }
}
