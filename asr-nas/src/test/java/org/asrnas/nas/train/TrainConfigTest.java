package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
