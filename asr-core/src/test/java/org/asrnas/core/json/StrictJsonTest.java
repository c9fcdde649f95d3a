package org.asrnas.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F12 of the reliability review: config files are read strictly, errors name file:line:column. */
class StrictJsonTest {
  @TempDir Path tmp;

  private String error(String text) throws Exception {
    Path f = tmp.resolve("c.json");
    Files.writeString(f, text);
    return assertThrows(AsrInputException.class, () -> StrictJson.readObject(f)).getMessage();
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws Exception {
    String f = tmp.resolve("c.json").toString();
    assertTrue(error("{\"maxEpochs\": 3,").startsWith(f + ":1:17: the JSON ends early"));
    assertTrue(
        error("{\n  \"learningRate\": NaN\n}").startsWith(f + ":2:"), error("{\n \"a\": NaN}"));
    assertTrue(error("{\"a\": 1, \"a\": 2}").contains("key \"a\" is given twice"));
    assertEquals(f + ": expected a JSON object {\"key\": value, ...}, got [1, 2]", error("[1, 2]"));
    assertTrue(error("").startsWith(f + ": empty"));
    assertTrue(error("{\"a\": 1} x").contains("malformed JSON"));
  }

  @Test
  void missingFileIsNoSuchFile() {
    AsrInputException e =
        assertThrows(
            AsrInputException.class, () -> StrictJson.readObject(tmp.resolve("nope.json")));
    assertEquals(tmp.resolve("nope.json") + ": no such file", e.getMessage());
  }

  @Test
  void numbersKeepTheirTextAndValuesAreShortened() throws Exception {
    assertEquals("1e12", StrictJson.parseObject("{\"a\": 1e12}", null).get("a").toString());
    String longValue = "x".repeat(1000);
    assertEquals(80, StrictJson.abbreviate(longValue).length());
    assertTrue(StrictJson.abbreviateWords("got \"" + longValue + "\" here").length() < 100);
  }
}
