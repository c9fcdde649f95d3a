package org.asrnas.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;

/** F11 of the reliability review: the threshold and the message of {@link UnitCoverage}. */
class UnitCoverageTest {
  @Test
  void moreThanTheShareFailsWithCountsAndExamples() throws Exception {
    Map<String, String> missing = new LinkedHashMap<>();
    for (int i = 0; i < 11; i++) {
      missing.put(String.format("u%02d", i), i < 9 ? "ZZ" : "QQ");
    }
    UnitCoverage.check(Path.of("units.txt"), 110, missing, 0.10);
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () -> UnitCoverage.check(Path.of("units.txt"), 100, missing, 0.10));
    assertEquals(
        "units.txt: 11 of 100 utterances (11.0%) use units that are not in units.txt: 'ZZ' (9"
            + " utterances, e.g. u00, u01, u02), 'QQ' (2 utterances, e.g. u09, u10); more than 10%"
            + " lost means the lexicon and units.txt do not belong together: add the units to"
            + " units.txt (a new model) or fix the lexicon",
        e.getMessage());
  }
}
