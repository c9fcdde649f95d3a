package org.asrnas.nas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrategyTest {
  @Test
  void everyPermittedStrategyIsRegisteredOnceAndParsesFromItsLabel() {
    List<Strategy> all = Strategy.values();
    Set<Class<?>> registered = new HashSet<>();
    for (Strategy s : all) {
      assertTrue(registered.add(s.getClass()), "registered twice: " + s);
      assertSame(s, Strategy.parse(s.label()));
      assertSame(s, Strategy.parse(" " + s.label().toUpperCase(java.util.Locale.ROOT) + " "));
      assertEquals(s.label(), s.toString());
    }
    assertEquals(Set.of(Strategy.class.getPermittedSubclasses()), registered);
  }

  @Test
  void unknownLabelNamesTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("enas"));
    assertEquals(
        "unknown strategy 'enas'; expected st, darts, snas, proxyless, random or rsws",
        e.getMessage());
  }

  @Test
  void flagsMatchTheAlgorithms() {
    for (Strategy s : List.of(Strategy.ST, Strategy.DARTS, Strategy.PROXYLESS)) {
      assertTrue(s.alternates() && s.learnsAlphas() && !s.updatesAlphasInWeightStep(), s.label());
    }
    assertTrue(Strategy.SNAS.updatesAlphasInWeightStep() && !Strategy.SNAS.alternates());
    assertFalse(Strategy.RANDOM.warmsUp() || Strategy.RANDOM.learnsAlphas());
    assertEquals(1, Strategy.RANDOM.randomDraws(SearchConfig.defaults()));
    assertFalse(Strategy.RSWS.stopsOnPlateau() || Strategy.RSWS.learnsAlphas());
    assertThrows(IllegalStateException.class, () -> Strategy.ST.randomDraws(null));
  }
}
