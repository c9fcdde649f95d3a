package org.asrnas.nas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchConfigTest {
  @Test
  void weightRateRampsLinearlyOverTheWarmupStepsThenStaysAtThePeak() throws Exception {
    SearchConfig c =
        SearchConfig.defaults().withOverrides("{\"weightLr\": 2e-3, \"lrWarmupSteps\": 4}");
    assertEquals(4, c.lrWarmupSteps());
    assertEquals(0.5e-3, c.weightLrAt(1, 0), 1e-15);
    assertEquals(1.0e-3, c.weightLrAt(1, 1), 1e-15);
    assertEquals(1.5e-3, c.weightLrAt(1, 2), 1e-15);
    assertEquals(2.0e-3, c.weightLrAt(1, 3), 1e-15);
    assertEquals(2.0e-3, c.weightLrAt(1, 1000), 1e-15);
  }

  @Test
  void withoutWarmupEveryStepUsesThePeakAsTheReference() {
    SearchConfig c = SearchConfig.defaults();
    assertEquals(0, c.lrWarmupSteps());
    assertEquals(c.weightLr(), c.weightLrAt(1, 0));
    assertEquals(c.weightLr(), c.weightLrAt(1, 12345));
  }

  @Test
  void aNegativeWarmupIsAnErrorNamingTheKey() {
    Exception e =
        assertThrows(
            Exception.class,
            () -> SearchConfig.defaults().withOverrides("{\"lrWarmupSteps\": -1}"));
    assertTrue(String.valueOf(e.getMessage()).contains("lrWarmupSteps"), e.getMessage());
  }
}
