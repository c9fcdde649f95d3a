package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * F12 of the reliability review: fbank options that would divide by zero or allocate gigabytes are
 * rejected when the file is read, naming the file, the key and the value.
 */
class FbankConfigBoundsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"frameShiftMs\": 0.001}     | frameShiftMs 0.001 is shorter than one sample",
        "{\"frameLengthMs\": 1e7}      | frameLengthMs must be in (0, 1000.0]",
        "{\"numMelBins\": 1e8}         | numMelBins must be in [3, 1024], got 100000000",
        "{\"numMelBins\": 40.5}        | numMelBins must be an integer, got 40.5",
        "{\"sampleFrequency\": 1}      | sampleFrequency must be in [1000.0, 384000.0] Hz",
        "{\"dither\": 1e999}           | 'dither' must be a finite number",
        "{\"dither\": NaN}             | malformed JSON",
      })
  void unreasonableOptionsAreRejectedWithFileAndKey(String json, String expected) throws Exception {
    Path f = tmp.resolve("fbank.json");
    Files.writeString(f, json);
    String m = assertThrows(AsrInputException.class, () -> FbankConfig.read(f)).getMessage();
    assertTrue(m.startsWith(f.toString()) && m.contains(expected), m);
  }
}
