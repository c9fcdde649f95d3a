package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  /**
   * docs/design.md §6: lr is divided on each non-improving epoch after epoch 10, not at epoch 10.
   */
  @Test
  void defaultScheduleDecaysOnlyAfterEpochTen() {
    TrainConfig d = TrainConfig.defaults();
    assertFalse(d.decaysAt(1));
    assertFalse(d.decaysAt(10));
    assertTrue(d.decaysAt(11));
  }

  @Test
  void overridesReplaceKeysAndUnknownKeysNameTheKnownOnes() {
    TrainConfig c = TrainConfig.defaults().withOverrides("{\"maxEpochs\": 7}").withSeed(9);
    assertEquals(7, c.maxEpochs());
    assertEquals(9, c.seed());
    assertEquals(c, TrainConfig.fromJson(c.toJson()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainConfig.defaults().withOverrides("{\"maxEpoch\": 7}"));
    assertTrue(e.getMessage().startsWith("unknown training option(s) [maxEpoch]; known: ["));
    assertTrue(e.getMessage().contains("maxEpochs"), e.getMessage());
  }

  /**
   * The recipes' LDC settings retrain as the paper does: CTC-CRF with lambda 0.01 for WSJ and 0.1
   * for Switchboard (issue 14); every committed training config of the recipes parses.
   */
  @Test
  void recipeConfigsParseAndTheLdcOnesUseCtcCrf() throws IOException {
    Path recipes = Path.of("..", "recipes");
    for (String corpus : new String[] {"wsj", "swbd", "mini"}) {
      try (var files = Files.list(recipes.resolve(corpus).resolve("conf"))) {
        for (Path f : files.filter(p -> p.toString().matches(".*train.*\\.json")).toList()) {
          TrainConfig.defaults().withOverrides(Files.readString(f));
        }
      }
    }
    TrainConfig wsj = ldcRetrain(recipes.resolve("wsj"));
    TrainConfig swbd = ldcRetrain(recipes.resolve("swbd"));
    assertEquals(TrainConfig.CTC_CRF, wsj.loss());
    assertEquals(TrainConfig.CTC_CRF, swbd.loss());
    assertEquals(0.01, wsj.crfLambda());
    assertEquals(0.1, swbd.crfLambda());
    assertEquals(4, wsj.phoneLmOrder());
  }

  private static TrainConfig ldcRetrain(Path recipe) throws IOException {
    return TrainConfig.defaults()
        .withOverrides(Files.readString(recipe.resolve("conf").resolve("ldc-train.json")));
  }
}
