package org.asrnas.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.search.SearchConfig;
import org.asrnas.nas.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * F12 of the reliability review: a {@code --config} problem names the file, the key and the value
 * (shortened), never Gson's or the constructor's raw text.
 */
class ConfigFileErrorsTest {
  @TempDir Path tmp;

  private String trainError(String json) throws Exception {
    Path f = tmp.resolve("train.json");
    Files.writeString(f, json);
    String m =
        assertThrows(AsrInputException.class, () -> TrainConfig.defaults().withOverrides(f))
            .getMessage();
    assertTrue(m.startsWith(f.toString()), m);
    assertFalse(m.contains("Gson") || m.contains("constructor") || m.contains("java."), m);
    return m;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"batchFrames\": -5}                | batchFrames must be >= 1, got -5",
        "{\"batchFrames\": 1e12}              | batchFrames must be an integer in [-2147483648, 2147483647], got 1e12",
        "{\"batchFrames\": 3000.5}            | batchFrames must be an integer, got 3000.5",
        "{\"batchFrames\": \"big\"}           | batchFrames must be an integer, got \"big\"",
        "{\"learningRate\": 1e999}            | learningRate must be a finite number, got 1e999",
        "{\"normVars\": \"yes\"}              | normVars must be a boolean (true or false), got \"yes\"",
        "{\"maxEpochs\": null}                | maxEpochs must not be null",
        "{\"maxEpoch\": 3}                    | did you mean maxEpochs?",
      })
  void badValuesNameTheFileTheKeyAndTheValue(String json, String expected) throws Exception {
    String m = trainError(json);
    assertTrue(m.contains(expected), m);
  }

  @Test
  void nanAndMalformedJsonGiveLineAndColumn() throws Exception {
    Path f = tmp.resolve("train.json");
    assertTrue(trainError("{\"learningRate\": NaN}").startsWith(f + ":1:"));
    assertTrue(trainError("{\"maxEpochs\": 3,").startsWith(f + ":1:17:"));
    assertTrue(trainError("[1, 2]").contains("expected a JSON object"));
  }

  @Test
  void longValuesAreShortened() throws Exception {
    String m = trainError("{\"lossNorm\": \"" + "x".repeat(1000) + "\"}");
    assertTrue(m.contains("lossNorm") && m.length() < 250, m);
  }

  @Test
  void missingFileSaysNoSuchFile() {
    Path f = tmp.resolve("nope.json");
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> TrainConfig.defaults().withOverrides(f));
    assertEquals(f + ": no such file", e.getMessage());
  }

  @Test
  void searchConfigFilesAreCheckedTheSameWay() throws Exception {
    Path f = tmp.resolve("search.json");
    Files.writeString(f, "{\"warmupMinEpochs\": \"one\"}");
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> SearchConfig.defaults().withOverrides(f));
    assertTrue(
        e.getMessage().startsWith(f + ": search option warmupMinEpochs must be an integer"),
        e.getMessage());
    Files.writeString(f, "{\"warmupMinEpochs\": 2, \"alphaLr\": 0.02}");
    SearchConfig c = SearchConfig.defaults().withOverrides(f);
    assertEquals(2, c.warmupMinEpochs());
    assertEquals(0.02, c.alphaLr());
  }

  @Test
  void validFileStillOverridesAndIntegersMayBeWrittenAsReals() throws Exception {
    Path f = tmp.resolve("ok.json");
    Files.writeString(f, "{\"maxEpochs\": 3, \"batchFrames\": 3000.0, \"seed\": 9007199254740993}");
    TrainConfig c = TrainConfig.defaults().withOverrides(f);
    assertEquals(3, c.maxEpochs());
    assertEquals(3000, c.batchFrames());
    assertEquals(9007199254740993L, c.seed(), "a long seed is read exactly");
  }
}
